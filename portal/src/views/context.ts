import type { Api, Me } from '../api';

/** What every page receives. */
export interface ViewContext {
  api: Api;
  me: Me;
  /** The page address's query (`?q=…&page=2`). */
  query: URLSearchParams;
  /** Re-renders the current page (after a change). */
  refresh: () => void;
  /** Goes to another portal page (path with an optional query), as a link would. */
  navigate: (path: string) => void;
  /** Updates the header's count of parapheur documents awaiting the person (after a visa, a signature …). */
  refreshInboxCount: () => void;
  /** Updates the navigation's count of procedure tasks awaiting the person (after a decision). */
  refreshTaskCount: () => void;
}
