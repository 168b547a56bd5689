import type { Api, Me } from '../api';

/** What every page receives. */
export interface ViewContext {
  api: Api;
  me: Me;
  /** Re-renders the current page (after a change). */
  refresh: () => void;
}
