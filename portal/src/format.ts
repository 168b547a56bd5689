// French formatting of the API's values.

const euro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 4 });
const integer = new Intl.NumberFormat('fr-FR');
const day = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Europe/Paris' });
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** "0,35 €" (up to four decimals, as unit prices may have them). */
export function formatEuro(amount: number | string | null | undefined): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  return euro.format(Number(amount)).replace(/\u202f/g, '\u00a0');
}

export function formatInteger(n: number): string {
  return integer.format(n).replace(/\u202f/g, '\u00a0');
}

const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const BYTE_UNITS = ['Ko', 'Mo', 'Go', 'To'];

/** A size as people read it: "512 octets", "12,4 Mo", "10 Go" (multiples of 1 024, as the storage quotas are). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return bytes <= 1 ? `${bytes}\u00a0octet` : `${formatInteger(bytes)}\u00a0octets`;
  let value = bytes / 1024;
  let unit = 0;
  // 1023,97 Ko shows as "1 Mo", not "1 024 Ko"
  while (value >= 1023.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${oneDecimal.format(value).replace(/\u202f/g, '\u00a0')}\u00a0${BYTE_UNITS[unit]}`;
}

/** ISO date (2026-11-23) → 23/11/2026. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return day.format(new Date(Date.UTC(y, m - 1, d, 12)));
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dateTime.format(new Date(iso));
}

/** Today in Europe/Paris as an ISO date. */
export function todayIso(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts;
}

export const TENANT_STATUS: Record<string, string> = {
  PROVISIONING: 'En cours de création',
  PROVISIONING_FAILED: 'Échec de la création',
  ACTIVE: 'Active',
  SUSPENDED: 'Suspendue',
  DECOMMISSIONED: 'Retirée',
};

export const SUBSCRIPTION_STATUS: Record<string, string> = {
  SCHEDULED: 'Programmé',
  ACTIVE: 'En cours',
  ENDING: 'Résiliation programmée',
  ENDED: 'Terminé',
  CANCELLED: 'Annulé',
};

export const ROLE_LABELS: Record<string, string> = {
  'platform-operator': 'Opérateur DSI',
  'commune-admin': 'Administrateur de la commune',
  agent: 'Agent',
  manager: 'Encadrant',
  'elected-official': 'Élu',
  archivist: "Autorité d'archives",
};

export const UNIT_LABELS: Record<string, string> = {
  signature: 'par signature',
  'gb-month': 'par Go et par mois',
  'agent-month': 'par agent actif et par mois',
  month: 'par mois',
};

/** "0,35 € par signature", "150,00 € par an" … */
export function describePrice(price: { unitPrice: number; yearlyBaseFee?: number | null } | null | undefined, unit: string): string {
  if (!price) return 'Tarif non publié';
  const parts = [`${formatEuro(price.unitPrice)} ${UNIT_LABELS[unit] ?? unit}`];
  if (price.yearlyBaseFee) parts.push(`plus un forfait de ${formatEuro(price.yearlyBaseFee)} par an`);
  return parts.join(', ');
}

// ---- amounts in cents (billing), quantities, percentages

const euroCents = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedEuroCents = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const oneDecimalPercent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const quantityFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 6 });

const nbsp = (text: string) => text.replace(/\u202f/g, '\u00a0');

/** Integer cents → "1 234,56 €", "-12,30 €"; "—" when unknown. */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(Number(cents))) return '—';
  return nbsp(euroCents.format(Number(cents) / 100));
}

/** A difference in cents with its sign: "+12,34 €", "-5,00 €", "0,00 €". */
export function formatSignedCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(Number(cents))) return '—';
  return nbsp(signedEuroCents.format(Number(cents) / 100));
}

/** Integer cents → euros with a dot and two decimals, for CSV files: "1234.56", "-0.05" (exact: no float rounding). */
export function centsToDecimal(cents: number): string {
  const value = Math.round(Number(cents));
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A percentage given in percent (35.24 → "35,2 %"); "—" when unknown. */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(Number(percent))) return '—';
  return `${nbsp(oneDecimalPercent.format(Number(percent)))}\u00a0%`;
}

/** A change in percent with its sign: "+12,5 %", "-3 %". */
export function formatSignedPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(Number(percent))) return '—';
  return `${nbsp(signedPercent.format(Number(percent)))}\u00a0%`;
}

/** A quantity (the API's decimals, as numbers or strings): "1 234", "12,5", "0,333333". */
export function formatQuantity(quantity: number | string | null | undefined): string {
  if (quantity === null || quantity === undefined || quantity === '' || !Number.isFinite(Number(quantity))) return '—';
  return nbsp(quantityFormat.format(Number(quantity)));
}

/** The day before an ISO date (the last day of a period whose end is exclusive): 2026-07-01 → 2026-06-30. */
export function dayBefore(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** A period whose end is exclusive, in French: "du 01/04/2026 au 30/06/2026". */
export function formatPeriod(start: string | null | undefined, endExclusive: string | null | undefined): string {
  if (!start || !endExclusive) return '—';
  return `du ${formatDate(start)} au ${formatDate(dayBefore(endExclusive))}`;
}
