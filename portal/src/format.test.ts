import { centsToDecimal, dayBefore, describePrice, formatBytes, formatCents, formatDate, formatEuro, formatPercent, formatPeriod, formatQuantity, formatSignedCents, formatSignedPercent, todayIso } from './format';

describe('French formatting', () => {
  it('formats unit prices with up to four decimals', () => {
    expect(formatEuro(0.35)).toBe('0,35\u00a0€');
    expect(formatEuro('0.1200')).toBe('0,12\u00a0€');
    expect(formatEuro(0.0125)).toBe('0,0125\u00a0€');
    expect(formatEuro(null)).toBe('—');
  });

  it('formats ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2026-11-23')).toBe('23/11/2026');
    expect(formatDate(undefined)).toBe('—');
  });

  it('describes a price with its unit and base fee', () => {
    expect(describePrice({ unitPrice: 0.12, yearlyBaseFee: 150 }, 'gb-month')).toBe(
      '0,12\u00a0€ par Go et par mois, plus un forfait de 150,00\u00a0€ par an',
    );
    expect(describePrice(null, 'signature')).toBe('Tarif non publié');
  });

  it('gives today in Europe/Paris', () => {
    expect(todayIso(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(todayIso(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });

  it('formats sizes in French, in multiples of 1 024', () => {
    expect(formatBytes(0)).toBe('0\u00a0octet');
    expect(formatBytes(1)).toBe('1\u00a0octet');
    expect(formatBytes(512)).toBe('512\u00a0octets');
    expect(formatBytes(1536)).toBe('1,5\u00a0Ko');
    expect(formatBytes(Math.round(12.4 * 1024 * 1024))).toBe('12,4\u00a0Mo');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10\u00a0Go');
    expect(formatBytes(50 * 1024 ** 3)).toBe('50\u00a0Go');
    expect(formatBytes(1024 * 1024 - 10)).toBe('1\u00a0Mo');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3\u00a0072\u00a0To');
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});

describe('amounts in cents, quantities, percentages and periods', () => {
  it('formats cents as euros with two decimals, and differences with their sign', () => {
    expect(formatCents(123456)).toBe('1\u00a0234,56\u00a0€');
    expect(formatCents(5)).toBe('0,05\u00a0€');
    expect(formatCents(-1230)).toBe('-12,30\u00a0€');
    expect(formatCents(0)).toBe('0,00\u00a0€');
    expect(formatCents(null)).toBe('—');
    expect(formatCents(undefined)).toBe('—');
    expect(formatSignedCents(1234)).toBe('+12,34\u00a0€');
    expect(formatSignedCents(-500)).toBe('-5,00\u00a0€');
    expect(formatSignedCents(0)).toBe('0,00\u00a0€');
  });

  it('writes cents as decimal euros with a dot, exactly (for CSV files)', () => {
    expect(centsToDecimal(123456)).toBe('1234.56');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(-5)).toBe('-0.05');
    expect(centsToDecimal(-123400)).toBe('-1234.00');
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(900719925474099)).toBe('9007199254740.99');
  });

  it('formats percentages and quantities in French', () => {
    expect(formatPercent(35.24)).toBe('35,2\u00a0%');
    expect(formatPercent(0)).toBe('0\u00a0%');
    expect(formatPercent(null)).toBe('—');
    expect(formatSignedPercent(12.5)).toBe('+12,5\u00a0%');
    expect(formatSignedPercent(-3)).toBe('-3\u00a0%');
    expect(formatQuantity(1234)).toBe('1\u00a0234');
    expect(formatQuantity('12.500')).toBe('12,5');
    expect(formatQuantity(0.333333)).toBe('0,333333');
    expect(formatQuantity(undefined)).toBe('—');
  });

  it('gives the last day of a period whose end is exclusive', () => {
    expect(dayBefore('2026-07-01')).toBe('2026-06-30');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2027-01-01')).toBe('2026-12-31');
    expect(formatPeriod('2026-04-01', '2026-07-01')).toBe('du 01/04/2026 au 30/06/2026');
    expect(formatPeriod(undefined, '2026-07-01')).toBe('—');
  });
});
