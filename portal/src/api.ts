// The platform's public REST API. Every call carries the access token; errors are RFC 9457 problem documents whose
// French `detail` the portal shows as is.
import { ArchiveApi } from './archive';
import { BillingApi } from './billing';
import { IntegrationApi } from './integration';
import { fileNameFromContentDisposition, searchPath, uploadPath, type UploadOptions } from './documents';
import { calendarPath } from './leave';
import { budgetLinesPath } from './missions';
import { foldersPath, pdfFile, templatesPath, uploadFolderPath } from './parapheur';

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

export type ExtractionStatus = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED' | 'SKIPPED';

export interface DocumentFolder {
  id: string;
  parentId?: string | null;
  name: string;
  createdBy?: string;
  createdAt?: string;
}

export interface DocumentVersion {
  id: string;
  number: number;
  fileName: string;
  size: number;
  sha256: string;
  mimeType: string;
  claimedMimeType?: string | null;
  createdBy: string;
  createdAt: string;
  extractionStatus: ExtractionStatus;
  extractionError?: string | null;
  extractedChars?: number | null;
  extractionTruncated?: boolean;
}

/** A document of the GED ("Document" is the DOM's). */
export interface GedDocument {
  id: string;
  title: string;
  description?: string | null;
  type?: string | null;
  tags: string[];
  folderId?: string | null;
  author: string;
  authorName?: string | null;
  currentVersion: number;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string | null;
  deletedBy?: string | null;
  /** Newest first; empty in the trash's list. */
  versions: DocumentVersion[];
}

export interface SearchHit {
  id: string;
  title: string;
  typeCode?: string | null;
  tags: string[];
  folderId?: string | null;
  author: string;
  authorName?: string | null;
  currentVersion: number;
  fileName: string;
  mimeType: string;
  size: number;
  extractionStatus: ExtractionStatus;
  createdAt: string;
  updatedAt: string;
  rank: number;
  /** Plain passages and matches alternate: odd positions are the matches. */
  excerpt?: string[] | null;
}

export interface SearchResults {
  total: number;
  /** False when there are more matches than `total` (broad queries are counted up to a cap). */
  totalExact?: boolean;
  page: number;
  size: number;
  results: SearchHit[];
}

/** `GET /documents` criteria; `page` is 0-based; dates are ISO days of creation. */
export interface SearchQuery {
  q?: string;
  folder?: string;
  type?: string;
  tag?: string;
  author?: string;
  from?: string;
  to?: string;
  page?: number;
  size?: number;
}

export interface DocumentType {
  code: string;
  label: string;
}

export interface StorageUsage {
  storedBytes: number;
  quotaBytes?: number | null;
}

export interface DocumentMetadata {
  title: string;
  description?: string | null;
  type?: string | null;
  tags: string[];
  folderId?: string | null;
}

export interface DocumentShare {
  id: string;
  /** The version the link gives; null: the current one. */
  version?: number | null;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  revokedAt?: string | null;
  revokedBy?: string | null;
  active: boolean;
}

/** A share just created: the only time its token is known. */
export interface CreatedShare {
  id: string;
  token: string;
  /** The API path that opens it (the portal's page is built from the token). */
  path: string;
  version?: number | null;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
}

export interface Download {
  blob: Blob;
  /** From Content-Disposition; null if the server gave none. */
  fileName: string | null;
}

/** Progress of an upload: bytes sent of the total. */
export type UploadProgress = (sent: number, total: number) => void;

// ---- Parapheur (electronic signature)

export type StepKind = 'VISA' | 'SIGNATURE';
export type FolderStatus = 'IN_PROGRESS' | 'APPROVED' | 'REJECTED' | 'WITHDRAWN';
export type StepStatus = 'WAITING' | 'PENDING' | 'SIGNING' | 'DONE' | 'REJECTED' | 'CANCELLED';
export type FolderEventAction = 'submitted' | 'approved' | 'signed' | 'rejected' | 'withdrawn' | 'completed';

/** A step awaiting the caller (directly, through a role or by delegation). */
export interface InboxItem {
  folderId: string;
  stepId: string;
  title: string;
  templateName: string;
  kind: StepKind;
  label?: string | null;
  submitterName?: string | null;
  dueDate?: string | null;
  overdue: boolean;
  submittedAt: string;
  /** Set when the caller acts by delegation of this person. */
  onBehalfOfName?: string | null;
}

export interface InboxCount {
  count: number;
  overdue: number;
}

/** A document routed through a circuit. */
export interface ParapheurFolder {
  id: string;
  templateId: string;
  templateName: string;
  documentId: string;
  submittedVersion: number;
  workingVersion: number;
  title: string;
  message?: string | null;
  dueDate?: string | null;
  submitterSubject?: string | null;
  submitterUsername: string;
  submitterName?: string | null;
  status: FolderStatus | string;
  currentStage: number;
  signatures: number;
  createdAt: string;
  closedAt?: string | null;
}

export interface FolderStep {
  id: string;
  stage: number;
  position: number;
  kind: StepKind;
  assigneeUsername?: string | null;
  assigneeName?: string | null;
  assigneeRole?: string | null;
  label?: string | null;
  status: StepStatus | string;
  actedByUsername?: string | null;
  actedByName?: string | null;
  onBehalfOfUsername?: string | null;
  onBehalfOfName?: string | null;
  actedAt?: string | null;
  comment?: string | null;
  certificateSerial?: string | null;
  certificateSubject?: string | null;
  signatureLevel?: string | null;
  producedVersion?: number | null;
}

export interface FolderEvent {
  at: string;
  action: FolderEventAction | string;
  actorUsername?: string | null;
  actorName?: string | null;
  onBehalfOfName?: string | null;
  comment?: string | null;
  certificateSerial?: string | null;
  certificateSubject?: string | null;
  documentVersion?: number | null;
}

/** A step the caller can act on now. */
export interface MyAction {
  stepId: string;
  kind: StepKind;
  label?: string | null;
  onBehalfOfName?: string | null;
}

export interface FolderDetail {
  folder: ParapheurFolder;
  steps: FolderStep[];
  history: FolderEvent[];
  myActions: MyAction[];
  canWithdraw: boolean;
}

export interface NewFolder {
  templateId: string;
  documentId: string;
  title: string;
  message?: string;
  dueDate?: string;
}

/** Query of an uploaded PDF's submission (the PDF is the request body). */
export interface UploadedFolder {
  templateId: string;
  title: string;
  message?: string;
  dueDate?: string;
}

/** A stamp position in PDF points from the top-left corner; page 1-based (0: the last page). */
export interface StampPosition {
  page: number;
  x: number;
  y: number;
}

export interface TemplateStep {
  stage: number;
  kind: StepKind;
  username?: string | null;
  assigneeName?: string | null;
  role?: string | null;
  label?: string | null;
}

export interface CircuitTemplate {
  id: string;
  name: string;
  description?: string | null;
  steps: TemplateStep[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

/** A template as an administrator writes it: each step names a person (username) or a role, not both. */
export interface TemplateRequest {
  name: string;
  description?: string;
  steps: { stage: number; kind: StepKind; username?: string; role?: string; label?: string }[];
}

/** A person of the caller's commune. */
export interface Member {
  username: string;
  displayName: string;
}

export interface Delegation {
  id: string;
  delegatorUsername: string;
  delegatorName?: string | null;
  delegateUsername: string;
  delegateName?: string | null;
  startsOn: string;
  endsOn: string;
  reason?: string | null;
  createdAt: string;
  revokedAt?: string | null;
  activeToday: boolean;
}

export interface NewDelegation {
  delegate: string;
  startsOn: string;
  endsOn: string;
  reason?: string;
}

export interface ParapheurNotification {
  id: string;
  folderId: string;
  kind: 'REJECTED' | 'APPROVED' | string;
  message: string;
  createdAt: string;
  readAt?: string | null;
}

export type Indication = 'TOTAL_PASSED' | 'INDETERMINATE' | 'TOTAL_FAILED';

export interface SignatureResult {
  id: string;
  indication: Indication | string;
  subIndication?: string | null;
  signedBy?: string | null;
  signingTime?: string | null;
  bestSignatureTime?: string | null;
  level?: string | null;
  reason?: string | null;
  certificateSubject?: string | null;
  certificateSerial?: string | null;
  certificateIssuer?: string | null;
  trustedByPlatform: boolean;
  signerRevoked: boolean;
  revocationTime?: string | null;
  revocationReason?: string | null;
  timestamped: boolean;
  errors?: string[] | null;
  warnings?: string[] | null;
}

export interface ValidationReport {
  fileName?: string | null;
  validationTime: string;
  signaturesCount: number;
  validSignaturesCount: number;
  signatures: SignatureResult[];
}

// ---- Leave requests and procedures (workflow)

export type HalfDay = 'MORNING' | 'AFTERNOON';
export type LeaveStatus = 'PENDING' | 'APPROVED' | 'REFUSED' | 'CANCELLED';
export type LeaveAction = 'SUBMITTED' | 'STEP_APPROVED' | 'STEP_REFUSED' | 'APPROVED' | 'REFUSED' | 'ESCALATED' | 'CANCELLED';

export interface LeaveType {
  code: string;
  label: string;
  tracksBalance: boolean;
  active: boolean;
}

/** The caller's balance of a type, in days (half-day precision); `pending`: asked in requests still pending. */
export interface LeaveBalance {
  typeCode: string;
  typeLabel: string;
  days: number;
  pending: number;
}

export interface LeaveHistoryEntry {
  at: string;
  action: LeaveAction | string;
  actorUsername?: string | null;
  actorName?: string | null;
  detail?: string | null;
}

export interface LeaveRequest {
  id: string;
  agentUsername: string;
  agentName?: string | null;
  typeCode: string;
  typeLabel?: string | null;
  startDate: string;
  startHalf: HalfDay | string;
  endDate: string;
  endHalf: HalfDay | string;
  workingDays: number;
  comment?: string | null;
  status: LeaveStatus | string;
  processInstanceId?: string | null;
  processVersion?: number | null;
  decidedBy?: string | null;
  decisionReason?: string | null;
  createdAt: string;
  decidedAt?: string | null;
  cancelledAt?: string | null;
  /** Names of the open tasks (e.g. « Validation par le responsable »); in the detail only. */
  waitingFor?: string[] | null;
  /** Oldest first; in the detail only. */
  history?: LeaveHistoryEntry[] | null;
}

export interface NewLeaveRequest {
  type: string;
  startDate: string;
  startHalf: HalfDay;
  endDate: string;
  endHalf: HalfDay;
  comment?: string;
}

/** An approved absence of the team calendar. */
export interface CalendarEntry {
  requestId: string;
  agentUsername: string;
  agentName?: string | null;
  typeCode: string;
  startDate: string;
  startHalf: HalfDay | string;
  endDate: string;
  endHalf: HalfDay | string;
  workingDays: number;
}

/** A task awaiting the caller (a step of a procedure). */
export interface WorkflowTask {
  id: string;
  key: string;
  name: string;
  processKey?: string | null;
  createdAt: string;
  escalated: boolean;
  /** The leave request the task decides, or null (a mission order's task). */
  leaveRequest?: LeaveRequest | null;
  /** The mission order the task is about, or null (a leave request's task). */
  missionOrder?: MissionOrder | null;
}

export interface ProcedureNotification {
  id: string;
  kind: string;
  subjectKind?: string | null;
  subjectId?: string | null;
  message: string;
  at: string;
  read: boolean;
}

export interface WorkflowSettings {
  hrValidation: boolean;
  reminderWorkingDays: number;
}

/** An agent as the procedures know them. `workingPattern`: e.g. MON,TUE,WED_AM,THU,FRI. */
export interface WorkflowAgent {
  username: string;
  displayName: string;
  service?: string | null;
  managerUsername?: string | null;
  workingPattern?: string | null;
  active: boolean;
}

/** Which definition of a process the commune runs: its own variant or the shared one. */
export interface DefinitionUse {
  commune: string;
  processKey: string;
  name: string;
  version: number;
  definitionId: string;
  communeVariant: boolean;
  deployedAt?: string | null;
  defaultVersion: number;
}

// ---- Mission orders (ordres de mission)

export type Transport = 'TRAIN' | 'PUBLIC_TRANSPORT' | 'PERSONAL_CAR' | 'SERVICE_CAR';
export type MissionStatus = 'PENDING' | 'SIGNING' | 'SIGNED' | 'EXPENSES_FILED' | 'CLOSED' | 'REFUSED' | 'CANCELLED';
export type ExpenseKind = 'MEAL' | 'NIGHT' | 'TRANSPORT' | 'OTHER';

/** A mission as asked (and as estimated); times are Paris local times `YYYY-MM-DDTHH:MM`. */
export interface MissionBody {
  purpose: string;
  destination: string;
  destinationPopulation?: number | null;
  paris: boolean;
  departure: string;
  returnAt: string;
  transport: Transport | string;
  horsepower?: number | null;
  distanceKm?: number | null;
  kmAlreadyThisYear?: number | null;
  /** Estimated fare of a train or public transport, in euros. */
  fare?: number | null;
  budgetLine: string;
}

/** The estimated cost of a mission, in euros. */
export interface MissionEstimate {
  meals: number;
  mealsAmount: number;
  nights: number;
  nightsAmount: number;
  transportAmount: number;
  total: number;
}

/** An expense of the état de frais, as checked by the platform. */
export interface MissionExpense {
  position: number;
  kind: ExpenseKind | string;
  day: string;
  amount: number;
  label?: string | null;
  receiptDocumentId?: string | null;
  reimbursable: number;
  /** Why less than the amount is reimbursed, if so. */
  note?: string | null;
}

/** An expense as the agent files it. */
export interface ExpenseLineBody {
  kind: ExpenseKind | string;
  day: string;
  amount: number;
  label?: string;
  receiptDocumentId?: string;
}

export interface MissionOrder {
  id: string;
  agentUsername: string;
  agentName?: string | null;
  purpose: string;
  destination: string;
  destinationPopulation: number;
  paris: boolean;
  departure: string;
  returnAt: string;
  transport: Transport | string;
  horsepower: number;
  distanceKm: number;
  fare?: number | null;
  budgetLine: string;
  budgetYear: number;
  meals: number;
  nights: number;
  mealsAmount: number;
  nightsAmount: number;
  transportAmount: number;
  estimatedTotal: number;
  status: MissionStatus | string;
  processInstanceId?: string | null;
  processVersion?: number | null;
  decidedBy?: string | null;
  decisionReason?: string | null;
  commitmentRef?: string | null;
  /** The order's PDF in the GED (its signed version once SIGNED). */
  documentId?: string | null;
  /** The parapheur folder of its signature. */
  folderId?: string | null;
  expensesTotal?: number | null;
  reimbursableTotal?: number | null;
  createdAt: string;
  signedAt?: string | null;
  closedAt?: string | null;
  /** Names of the open tasks; in the detail only. */
  waitingFor?: string[] | null;
  /** In the detail only. */
  expenses?: MissionExpense[] | null;
  /** Oldest first; in the detail only. */
  history?: LeaveHistoryEntry[] | null;
}

export interface KilometricBand {
  /** The band's upper bound (2147483647 for the last one). */
  maxHorsepower: number;
  upTo2000: number;
  upTo10000: number;
  beyond: number;
}

export interface MissionRates {
  meal: number;
  night: number;
  nightLargeCity: number;
  nightParis: number;
  largeCityPopulation: number;
  kilometric?: KilometricBand[] | null;
}

/** Who signs the commune's mission orders (null: nobody yet), and the rates in force. */
export interface MissionSettings {
  signerUsername?: string | null;
  signerLabel?: string | null;
  rates: MissionRates;
}

export interface BudgetLine {
  code: string;
  year: number;
  label: string;
  service?: string | null;
  /** The voted amount, in euros. */
  amount: number;
  /** What mission orders have reserved on it. */
  committed: number;
}

export interface PortalConfig {
  authority: string;
  clientId: string;
  scope: string;
}

export type TokenSource = () => Promise<string | null>;

const UNREACHABLE: Problem = { title: 'Serveur injoignable', status: 0, detail: 'Le serveur MetroCloud est injoignable. Vérifiez votre connexion puis réessayez.' };
const UPLOAD_INTERRUPTED: Problem = {
  title: 'Envoi interrompu',
  status: 0,
  detail: 'L’envoi a été interrompu (connexion perdue, ou fichier refusé par le serveur avant la fin de l’envoi). Vérifiez la taille du fichier et votre connexion, puis réessayez.',
};
const ACCEPT_JSON = 'application/json, application/problem+json';

export class Api {
  constructor(private readonly token: TokenSource, private readonly onUnauthorized: () => void = () => {}) {}

  private async headers(accept: string): Promise<Record<string, string>> {
    const headers: Record<string, string> = { Accept: accept };
    const token = await this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  private async send(method: string, path: string, init: { headers: Record<string, string>; body?: string | Blob }): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`/api/v1${path}`, { method, ...init });
    } catch {
      throw new ApiError(UNREACHABLE);
    }
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw new ApiError(await problemOf(response));
    return response;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = await this.headers(ACCEPT_JSON);
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.send(method, path, { headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** Sends a text as the request body (a BPMN file as application/xml), its file name percent-encoded in X-File-Name. */
  async sendText<T>(method: string, path: string, text: string, contentType: string, fileName?: string): Promise<T> {
    const headers = await this.headers(ACCEPT_JSON);
    headers['Content-Type'] = contentType;
    if (fileName) headers['X-File-Name'] = encodeURIComponent(fileName);
    const response = await this.send(method, path, { headers, body: text });
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /**
   * Sends a file's bytes as the request body, as they are (no decoding nor re-encoding: the server reads the encoding),
   * with the given type; its name, when the API wants it, travels in the path.
   */
  async sendFile<T>(method: string, path: string, file: Blob, contentType: string): Promise<T> {
    const headers = await this.headers(ACCEPT_JSON);
    headers['Content-Type'] = contentType;
    const response = await this.send(method, path, { headers, body: file });
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  /** A file's content, fetched with the token (a plain link could not carry it). */
  async download(path: string): Promise<Download> {
    const response = await this.send('GET', path, { headers: await this.headers('*/*') });
    return { blob: await response.blob(), fileName: fileNameFromContentDisposition(response.headers.get('Content-Disposition')) };
  }

  /**
   * Sends a file as the raw request body (the GED's upload convention: type in Content-Type, name percent-encoded in
   * X-File-Name). XMLHttpRequest rather than fetch, for the upload's progress events.
   */
  async upload<T>(path: string, file: File, onProgress: UploadProgress = () => {}): Promise<T> {
    const headers = await this.headers(ACCEPT_JSON);
    headers['Content-Type'] = file.type || 'application/octet-stream';
    headers['X-File-Name'] = encodeURIComponent(file.name);
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/v1${path}`);
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) onProgress(e.loaded, e.total);
      });
      xhr.addEventListener('load', () => {
        if (xhr.status === 401) this.onUnauthorized();
        if (xhr.status >= 200 && xhr.status < 300) {
          try {
            resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
          } catch {
            reject(new ApiError({ title: 'Réponse illisible', status: xhr.status, detail: 'Le fichier a été reçu mais la réponse du serveur est illisible ; rechargez la page.' }));
          }
        } else {
          reject(new ApiError(problemFromBody(xhr.status, xhr.getResponseHeader('Content-Type'), xhr.responseText)));
        }
      });
      xhr.addEventListener('error', () => reject(new ApiError(UPLOAD_INTERRUPTED)));
      xhr.addEventListener('abort', () => reject(new ApiError(UPLOAD_INTERRUPTED)));
      xhr.send(file);
    });
  }

  /** The shared electronic archive (SAE). */
  readonly archive = new ArchiveApi(this);

  /** The connectors to the commune's HR and finance software, their outbox and exchange log, the agents' imports. */
  readonly integration = new IntegrationApi(this);

  /** The cost-recovery billing: runs, statements and credits, tariffs, the budget simulation, the dashboards. */
  readonly billing = new BillingApi(this);

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

  // ---- GED (document management)
  documentFolders = () => this.request<DocumentFolder[]>('GET', '/documents/folders');
  createFolder = (name: string, parentId?: string | null) => this.request<DocumentFolder>('POST', '/documents/folders', { name, parentId: parentId ?? null });
  renameFolder = (id: string, name: string) => this.request<DocumentFolder>('PUT', `/documents/folders/${encodeURIComponent(id)}`, { name });
  deleteFolder = (id: string) => this.request<void>('DELETE', `/documents/folders/${encodeURIComponent(id)}`);
  searchDocuments = (query: SearchQuery) => this.request<SearchResults>('GET', searchPath(query));
  documentTypes = () => this.request<DocumentType[]>('GET', '/documents/types');
  documentUsage = () => this.request<StorageUsage>('GET', '/documents/usage');
  documentTrash = () => this.request<GedDocument[]>('GET', '/documents/trash');
  document = (id: string) => this.request<GedDocument>('GET', `/documents/${encodeURIComponent(id)}`);
  describeDocument = (id: string, metadata: DocumentMetadata) => this.request<GedDocument>('PUT', `/documents/${encodeURIComponent(id)}/metadata`, metadata);
  trashDocument = (id: string) => this.request<GedDocument>('DELETE', `/documents/${encodeURIComponent(id)}`);
  restoreDocument = (id: string) => this.request<GedDocument>('POST', `/documents/${encodeURIComponent(id)}/restore`);
  uploadDocument = (file: File, options: UploadOptions, onProgress?: UploadProgress) => this.upload<GedDocument>(uploadPath(options), file, onProgress);
  uploadVersion = (id: string, file: File, onProgress?: UploadProgress) =>
    this.upload<DocumentVersion>(`/documents/${encodeURIComponent(id)}/versions`, file, onProgress);
  downloadDocument = (id: string, version?: number) =>
    this.download(`/documents/${encodeURIComponent(id)}/content${version === undefined ? '' : `?version=${version}`}`);
  shares = (id: string) => this.request<DocumentShare[]>('GET', `/documents/${encodeURIComponent(id)}/shares`);
  createShare = (id: string, days: number) => this.request<CreatedShare>('POST', `/documents/${encodeURIComponent(id)}/shares`, { days });
  revokeShare = (id: string, shareId: string) =>
    this.request<void>('DELETE', `/documents/${encodeURIComponent(id)}/shares/${encodeURIComponent(shareId)}`);
  sharedDocument = (token: string) => this.request<GedDocument>('GET', `/documents/shared/${encodeURIComponent(token)}`);
  downloadShared = (token: string) => this.download(`/documents/shared/${encodeURIComponent(token)}/content`);

  // ---- Parapheur (electronic signature)
  members = () => this.request<Member[]>('GET', '/members');
  inbox = () => this.request<InboxItem[]>('GET', '/parapheur/inbox');
  inboxCount = () => this.request<InboxCount>('GET', '/parapheur/inbox/count');
  parapheurFolders = (scope: 'mine' | 'all' = 'mine', status?: FolderStatus) => this.request<ParapheurFolder[]>('GET', foldersPath(scope, status));
  parapheurFolder = (id: string) => this.request<FolderDetail>('GET', `/parapheur/folders/${encodeURIComponent(id)}`);
  submitFolder = (folder: NewFolder) => this.request<FolderDetail>('POST', '/parapheur/folders', folder);
  submitUpload = (file: File, folder: UploadedFolder, onProgress?: UploadProgress) =>
    this.upload<FolderDetail>(uploadFolderPath(folder), pdfFile(file), onProgress);
  approveFolder = (id: string, stepId?: string, comment?: string) =>
    this.request<FolderDetail>('POST', `/parapheur/folders/${encodeURIComponent(id)}/approve`, { stepId: stepId || undefined, comment: comment || undefined });
  signFolder = (id: string, stepId?: string, comment?: string, position?: StampPosition) =>
    this.request<FolderDetail>('POST', `/parapheur/folders/${encodeURIComponent(id)}/sign`, { stepId: stepId || undefined, comment: comment || undefined, position });
  rejectFolder = (id: string, reason: string, stepId?: string) =>
    this.request<FolderDetail>('POST', `/parapheur/folders/${encodeURIComponent(id)}/reject`, { stepId: stepId || undefined, reason });
  withdrawFolder = (id: string, reason?: string) =>
    this.request<FolderDetail>('POST', `/parapheur/folders/${encodeURIComponent(id)}/withdraw`, { reason: reason || undefined });
  templates = (archived = false) => this.request<CircuitTemplate[]>('GET', templatesPath(archived));
  createTemplate = (template: TemplateRequest) => this.request<CircuitTemplate>('POST', '/parapheur/templates', template);
  updateTemplate = (id: string, template: TemplateRequest) => this.request<CircuitTemplate>('PUT', `/parapheur/templates/${encodeURIComponent(id)}`, template);
  archiveTemplate = (id: string) => this.request<void>('DELETE', `/parapheur/templates/${encodeURIComponent(id)}`);
  delegations = () => this.request<Delegation[]>('GET', '/parapheur/delegations');
  delegate = (delegation: NewDelegation) => this.request<Delegation>('POST', '/parapheur/delegations', delegation);
  revokeDelegation = (id: string) => this.request<Delegation>('DELETE', `/parapheur/delegations/${encodeURIComponent(id)}`);
  notifications = (unreadOnly = true) => this.request<ParapheurNotification[]>('GET', `/parapheur/notifications${unreadOnly ? '?unread=true' : ''}`);
  markNotificationRead = (id: string) => this.request<void>('POST', `/parapheur/notifications/${encodeURIComponent(id)}/read`);
  validateSignatures = (file: File, onProgress?: UploadProgress) => this.upload<ValidationReport>('/signatures/validations', pdfFile(file), onProgress);

  // ---- Leave requests and procedures
  leaveTypes = () => this.request<LeaveType[]>('GET', '/leave/types');
  saveLeaveType = (code: string, type: Omit<LeaveType, 'code'>) => this.request<LeaveType>('PUT', `/leave/types/${encodeURIComponent(code)}`, type);
  leaveBalances = () => this.request<LeaveBalance[]>('GET', '/leave/balances');
  setLeaveBalance = (username: string, type: string, days: number) =>
    this.request<{ username: string; type: string; days: number }>('PUT', `/leave/balances/${encodeURIComponent(username)}/${encodeURIComponent(type)}`, { days });
  submitLeave = (request: NewLeaveRequest) => this.request<LeaveRequest>('POST', '/leave/requests', request);
  leaveRequests = () => this.request<LeaveRequest[]>('GET', '/leave/requests');
  leaveRequest = (id: string) => this.request<LeaveRequest>('GET', `/leave/requests/${encodeURIComponent(id)}`);
  cancelLeave = (id: string, reason?: string) => this.request<LeaveRequest>('POST', `/leave/requests/${encodeURIComponent(id)}/cancel`, { reason: reason || undefined });
  leaveCalendar = (from: string, to: string) => this.request<CalendarEntry[]>('GET', calendarPath(from, to));
  tasks = () => this.request<WorkflowTask[]>('GET', '/workflow/tasks');
  taskCount = () => this.request<{ count: number }>('GET', '/workflow/tasks/count');
  task = (id: string) => this.request<WorkflowTask>('GET', `/workflow/tasks/${encodeURIComponent(id)}`);
  decide = (id: string, decision: 'approve' | 'refuse', reason?: string) =>
    this.request<LeaveRequest>('POST', `/workflow/tasks/${encodeURIComponent(id)}/decision`, { decision, reason: reason || undefined });
  procedureNotifications = (unreadOnly = true) => this.request<ProcedureNotification[]>('GET', `/workflow/notifications?unread=${unreadOnly}`);
  markProcedureNotificationRead = (id: string) => this.request<void>('POST', `/workflow/notifications/${encodeURIComponent(id)}/read`);
  workflowSettings = () => this.request<WorkflowSettings>('GET', '/workflow/settings');
  saveWorkflowSettings = (settings: WorkflowSettings) => this.request<WorkflowSettings>('PUT', '/workflow/settings', settings);
  workflowAgents = () => this.request<WorkflowAgent[]>('GET', '/workflow/agents');
  saveWorkflowAgent = (username: string, agent: Omit<WorkflowAgent, 'username'>) =>
    this.request<WorkflowAgent>('PUT', `/workflow/agents/${encodeURIComponent(username)}`, agent);
  definitions = () => this.request<DefinitionUse[]>('GET', '/workflow/definitions');
  /** Every active commune's version of each process (DSI). */
  allDefinitions = () => this.request<DefinitionUse[]>('GET', '/workflow/operator/definitions');
  /** Deploys the commune's variant of a process: the BPMN file's text, as application/xml. */
  deployDefinition = async (key: string, file: File) =>
    this.sendText<DefinitionUse>('PUT', `/workflow/definitions/${encodeURIComponent(key)}`, await file.text(), 'application/xml', file.name);
  revertDefinition = (key: string) => this.request<DefinitionUse>('DELETE', `/workflow/definitions/${encodeURIComponent(key)}`);

  // ---- Mission orders
  estimateMission = (mission: MissionBody) => this.request<MissionEstimate>('POST', '/missions/estimate', mission);
  submitMission = (mission: MissionBody) => this.request<MissionOrder>('POST', '/missions', mission);
  missions = () => this.request<MissionOrder[]>('GET', '/missions');
  mission = (id: string) => this.request<MissionOrder>('GET', `/missions/${encodeURIComponent(id)}`);
  cancelMission = (id: string, reason?: string) => this.request<MissionOrder>('POST', `/missions/${encodeURIComponent(id)}/cancel`, { reason: reason || undefined });
  fileExpenses = (id: string, lines: ExpenseLineBody[]) => this.request<MissionOrder>('POST', `/missions/${encodeURIComponent(id)}/expenses`, { lines });
  /** A decision on a mission order's task (the order or its état de frais): the order as it is after it. */
  decideMission = (taskId: string, decision: 'approve' | 'refuse', reason?: string) =>
    this.request<MissionOrder>('POST', `/workflow/tasks/${encodeURIComponent(taskId)}/decision`, { decision, reason: reason || undefined });
  missionSettings = () => this.request<MissionSettings>('GET', '/missions/settings');
  saveMissionSettings = (settings: { signerUsername: string; signerLabel: string; rates: Omit<MissionRates, 'kilometric'> }) =>
    this.request<MissionSettings>('PUT', '/missions/settings', settings);
  budgetLines = (year: number) => this.request<BudgetLine[]>('GET', budgetLinesPath(year));
  saveBudgetLine = (code: string, year: number, line: { label: string; service?: string | null; amount: number }) =>
    this.request<BudgetLine>('PUT', `/missions/budget-lines/${encodeURIComponent(code)}/${year}`, line);
}

export async function problemOf(response: Response): Promise<Problem> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // no body: the generic problem below
  }
  return problemFromBody(response.status, response.headers.get('Content-Type'), text);
}

/** The RFC 9457 problem of an error response's body, or a generic one if the body is not a problem document. */
export function problemFromBody(status: number, contentType: string | null, text: string): Problem {
  if ((contentType ?? '').includes('json')) {
    try {
      const body = JSON.parse(text) as Problem;
      if (body && typeof body === 'object' && 'status' in body) return body;
    } catch {
      // fall through
    }
  }
  return { title: `Erreur ${status}`, status, detail: `Le serveur a répondu ${status}.` };
}

export async function fetchPortalConfig(): Promise<PortalConfig> {
  const response = await fetch('/api/v1/portal/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as PortalConfig;
}
