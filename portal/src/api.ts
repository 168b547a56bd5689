// The platform's public REST API. Every call carries the access token; errors are RFC 9457 problem documents whose
// French `detail` the portal shows as is.

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

export interface Me {
  subject: string;
  username: string;
  displayName: string;
  email?: string;
  operator: boolean;
  roles: string[];
  commune?: { insee: string; name: string; status: string };
}

export interface Price {
  unitPrice: number;
  yearlyBaseFee?: number | null;
  currency: string;
  validFrom: string;
  validTo?: string | null;
}

export interface CatalogService {
  code: string;
  name: string;
  description: string;
  usageUnit: string;
  usageUnitLabel: string;
  availability: string;
  price?: Price | null;
}

export interface Subscription {
  id: string;
  tenant: string;
  service: string;
  status: string;
  startsOn: string;
  endsOn?: string | null;
  deliberationRef?: string | null;
  endDeliberationRef?: string | null;
  createdBy: string;
  createdAt: string;
  endedBy?: string | null;
  endedAt?: string | null;
}

export interface Tenant {
  insee: string;
  name: string;
  postalCode: string;
  population: number;
  status: string;
  statusReason?: string | null;
  contact?: { name?: string | null; email?: string | null; phone?: string | null } | null;
  convention?: { number?: string | null; signedOn?: string | null } | null;
  administratorUsername: string;
  createdAt: string;
  updatedAt: string;
}

export interface RegisteredResource {
  kind: string;
  externalId: string;
  description?: string | null;
  status: string;
  createdAt: string;
}

export interface ProvisioningResult {
  tenant: Tenant;
  resources: RegisteredResource[];
  initialAdministrator?: { username: string; temporaryPassword: string } | null;
}

export interface ChainReport {
  tenant: string;
  valid: boolean;
  verifiedEntries: number;
  lastHash: string;
  firstBrokenEntry?: { seq: number; reason: string } | null;
}

export interface NewTenant {
  insee: string;
  name: string;
  postalCode: string;
  population: number;
  contact?: { name?: string; email?: string; phone?: string };
  convention?: { number?: string; signedOn?: string };
  administrator: { username: string; firstName: string; lastName: string; email: string };
}

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actor: string;
  actorKind: string;
  action: string;
  targetType?: string;
  targetId?: string;
  outcome: string;
}

export interface PortalConfig {
  authority: string;
  clientId: string;
  scope: string;
}

export type TokenSource = () => Promise<string | null>;

export class Api {
  constructor(private readonly token: TokenSource, private readonly onUnauthorized: () => void = () => {}) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    const token = await this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError({ title: 'Serveur injoignable', status: 0, detail: 'Le serveur MetroCloud est injoignable. Vérifiez votre connexion puis réessayez.' });
    }
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw new ApiError(await problemOf(response));
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  me = () => this.request<Me>('GET', '/me');
  catalog = () => this.request<CatalogService[]>('GET', '/catalog/services');
  subscriptions = () => this.request<Subscription[]>('GET', '/subscriptions');
  subscribe = (service: string, startsOn?: string, deliberationRef?: string) =>
    this.request<Subscription>('POST', '/subscriptions', { service, startsOn: startsOn || undefined, deliberationRef: deliberationRef || undefined });
  unsubscribe = (id: string, effectiveDate?: string, deliberationRef?: string) => {
    const query = new URLSearchParams();
    if (effectiveDate) query.set('effectiveDate', effectiveDate);
    if (deliberationRef) query.set('deliberationRef', deliberationRef);
    const suffix = query.toString() ? `?${query}` : '';
    return this.request<Subscription>('DELETE', `/subscriptions/${encodeURIComponent(id)}${suffix}`);
  };
  tenants = () => this.request<Tenant[]>('GET', '/tenants');
  suspend = (insee: string, reason: string) => this.request<Tenant>('POST', `/tenants/${encodeURIComponent(insee)}/suspend`, { reason });
  resume = (insee: string) => this.request<Tenant>('POST', `/tenants/${encodeURIComponent(insee)}/resume`);
  auditEvents = () => this.request<AuditEvent[]>('GET', '/audit/events?limit=100');
  tenant = (insee: string) => this.request<Tenant>('GET', `/tenants/${encodeURIComponent(insee)}`);
  resources = (insee: string) => this.request<RegisteredResource[]>('GET', `/tenants/${encodeURIComponent(insee)}/resources`);
  subscriptionsOf = (insee: string) => this.request<Subscription[]>('GET', `/subscriptions?tenant=${encodeURIComponent(insee)}`);
  verifyAudit = (insee: string) => this.request<ChainReport>('GET', `/audit/verify?tenant=${encodeURIComponent(insee)}`);
  createTenant = (tenant: NewTenant) => this.request<ProvisioningResult>('POST', '/tenants', tenant);
  retryProvisioning = (insee: string) => this.request<ProvisioningResult>('POST', `/tenants/${encodeURIComponent(insee)}/provisioning`);
  updateDetails = (insee: string, details: { population: number; contact?: Tenant['contact']; convention?: Tenant['convention'] }) =>
    this.request<Tenant>('PUT', `/tenants/${encodeURIComponent(insee)}/details`, details);
  decommission = (insee: string, reason: string) =>
    this.request<Tenant>('POST', `/tenants/${encodeURIComponent(insee)}/decommission`, { reason });
}

export async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Problem;
      if (body && typeof body === 'object' && 'status' in body) return body;
    } catch {
      // fall through
    }
  }
  return { title: `Erreur ${response.status}`, status: response.status, detail: `Le serveur a répondu ${response.status}.` };
}

export async function fetchPortalConfig(): Promise<PortalConfig> {
  const response = await fetch('/api/v1/portal/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as PortalConfig;
}
