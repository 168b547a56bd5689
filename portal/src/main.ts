import './styles.css';
import { Api, ApiError, fetchPortalConfig, type InboxCount, type Me } from './api';
import { Auth, CALLBACK_PATH } from './auth';
import { append, clear, h, srOnly } from './dom';
import { ROLE_LABELS } from './format';
import { taskCountLabel } from './leave';
import { inboxCountLabel } from './parapheur';
import { ROUTES, isCommuneMember, navigationPathOf, pathOfHashRoute, routeOf } from './routes';
import { archiveDisposalView, archiveDisposalsView } from './views/archiveDisposals';
import { archiveIntegrityView, dsiArchiveView } from './views/archiveIntegrity';
import { archiveReferentialView } from './views/archiveReferential';
import { archiveSearchView } from './views/archiveSearch';
import { archiveTransferView } from './views/archiveTransfer';
import { archiveUnitView } from './views/archiveUnit';
import { catalogView } from './views/catalog';
import { communeView } from './views/commune';
import { communesView } from './views/communes';
import { documentView } from './views/document';
import { libraryView } from './views/documentLibrary';
import { searchView } from './views/documentSearch';
import { sharedDocumentView } from './views/documentShared';
import { trashView } from './views/documentTrash';
import { newCommuneView } from './views/newCommune';
import type { ViewContext } from './views/context';
import { homeView } from './views/home';
import { agentImportView, agentImportsView } from './views/integrationAgents';
import { connectorsView } from './views/integrationConnectors';
import { exchangesView } from './views/integrationExchanges';
import { dsiExchangesView } from './views/integrationOperator';
import { journalView } from './views/journal';
import { subscriptionsView } from './views/subscriptions';
import { parapheurInboxView } from './views/parapheurInbox';
import { parapheurSubmitView } from './views/parapheurSubmit';
import { parapheurFolderView } from './views/parapheurFolder';
import { parapheurTemplatesView } from './views/parapheurTemplates';
import { parapheurDelegationsView } from './views/parapheurDelegations';
import { signatureValidationView } from './views/signatureValidation';
import { leaveCalendarView } from './views/leaveCalendar';
import { leaveFormView } from './views/leaveForm';
import { leaveMineView } from './views/leaveMine';
import { leaveRequestView } from './views/leaveRequest';
import { missionFormView } from './views/missionForm';
import { missionMineView } from './views/missionMine';
import { missionOrderView } from './views/missionOrder';
import { procedureSettingsView } from './views/procedureSettings';
import { procedureVersionsView } from './views/procedureVersions';
import { tasksView } from './views/tasks';

type View = (ctx: ViewContext, params: Record<string, string>) => Promise<HTMLElement[]>;

/** The billing pages and dashboards, loaded on demand (with Chart.js, itself loaded when a chart is drawn). */
const billingViews = () => import('./views/billingViews');
const billing =
  (name: keyof Awaited<ReturnType<typeof billingViews>>): View =>
  async (ctx, params) =>
    (await billingViews())[name](ctx, params);

const VIEWS: Record<string, View> = {
  '/': homeView,
  '/catalogue': catalogView,
  '/abonnements': subscriptionsView,
  '/communes': communesView,
  '/communes/nouvelle': newCommuneView,
  '/communes/:insee': communeView,
  '/procedures': procedureVersionsView,
  '/journal': journalView,
  '/documents': libraryView,
  '/documents/dossiers/:folderId': libraryView,
  '/documents/recherche': searchView,
  '/documents/corbeille': trashView,
  '/documents/partage/:token': sharedDocumentView,
  '/documents/:id': documentView,
  '/parapheur': parapheurInboxView,
  '/parapheur/nouveau': parapheurSubmitView,
  '/parapheur/dossiers/:id': parapheurFolderView,
  '/parapheur/circuits': parapheurTemplatesView,
  '/parapheur/delegations': parapheurDelegationsView,
  '/archives': archiveSearchView,
  '/archives/verser': archiveTransferView,
  '/archives/unites/:id': archiveUnitView,
  '/archives/eliminations': archiveDisposalsView,
  '/archives/eliminations/:id': archiveDisposalView,
  '/archives/referentiel': archiveReferentialView,
  '/archives/integrite': archiveIntegrityView,
  '/dsi/archives': dsiArchiveView,
  '/dsi/echanges': dsiExchangesView,
  '/signatures/validation': signatureValidationView,
  '/conges': leaveMineView,
  '/conges/nouvelle': leaveFormView,
  '/conges/calendrier': leaveCalendarView,
  '/conges/:id': leaveRequestView,
  '/missions': missionMineView,
  '/missions/nouveau': missionFormView,
  '/missions/:id': missionOrderView,
  '/taches': tasksView,
  '/procedures/reglages': procedureSettingsView,
  '/connecteurs': connectorsView,
  '/connecteurs/echanges': exchangesView,
  '/connecteurs/agents': agentImportsView,
  '/connecteurs/agents/:id': agentImportView,
  '/tableau-de-bord': billing('communeDashboardView'),
  '/facturation': billing('statementsView'),
  '/facturation/etats/:id': billing('statementView'),
  '/tarifs': billing('tariffsView'),
  '/dsi/facturation': billing('billingRunsView'),
  '/dsi/tarifs': billing('tariffsView'),
  '/dsi/simulation': billing('simulationView'),
  '/dsi/tableau-de-bord': billing('metropoleDashboardView'),
};

/** The parapheur's page in the navigation, which shows how many documents await the person. */
const INBOX_PATH = '/parapheur';
/** The procedures' tasks page in the navigation, which shows how many tasks await the person. */
const TASKS_PATH = '/taches';

const main = () => document.getElementById('contenu') as HTMLElement;

/** The current page's path with its query. */
const currentPath = () => window.location.pathname + window.location.search;

/** Hash-route links (`/#/documents/…`) open the page they name. */
function adoptHashRoute(): boolean {
  const path = pathOfHashRoute(window.location.hash);
  if (path) window.history.replaceState({}, '', path);
  return path !== undefined;
}

async function start(): Promise<void> {
  adoptHashRoute();
  let auth: Auth;
  try {
    auth = new Auth(await fetchPortalConfig());
  } catch {
    showError('MetroCloud est momentanément indisponible', 'La configuration du portail n’a pas pu être chargée. Réessayez dans quelques instants.');
    return;
  }
  if (window.location.pathname === CALLBACK_PATH) {
    try {
      const returnTo = await auth.completeLogin();
      window.history.replaceState({}, '', returnTo);
    } catch {
      showLanding(auth, 'La connexion n’a pas abouti. Veuillez vous reconnecter.');
      return;
    }
  }
  if (!(await auth.user())) {
    showLanding(auth);
    return;
  }
  const api = new Api(() => auth.accessToken());
  let me: Me;
  try {
    me = await api.me();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      showLanding(auth, 'Votre session a expiré. Veuillez vous reconnecter.');
    } else if (e instanceof ApiError) {
      renderHeader(auth, null);
      showError(e.problem.title, e.message, auth);
    } else {
      showError('Erreur', 'Une erreur inattendue est survenue.');
    }
    return;
  }
  renderHeader(auth, me);
  renderNav(me);
  refreshInboxCount(api, me);
  refreshTaskCount(api, me);
  document.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a[data-link]') as HTMLAnchorElement | null;
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(link.pathname + link.search, api, me);
  });
  window.addEventListener('popstate', () => show(currentPath(), api, me));
  window.addEventListener('hashchange', () => {
    if (adoptHashRoute()) void show(currentPath(), api, me);
  });
  await show(currentPath(), api, me);
}

function navigate(path: string, api: Api, me: Me): void {
  if (path !== currentPath()) window.history.pushState({}, '', path);
  void show(path, api, me);
}

async function show(path: string, api: Api, me: Me): Promise<void> {
  const url = new URL(path, window.location.origin);
  const match = routeOf(url.pathname);
  const route = match?.route;
  const container = main();
  renderNav(me);
  if (url.pathname === INBOX_PATH || url.pathname.startsWith(`${INBOX_PATH}/`)) refreshInboxCount(api, me);
  if (url.pathname === TASKS_PATH || /^\/(conges|missions)(\/|$)/.test(url.pathname)) refreshTaskCount(api, me);
  if (!match || !route || !route.allowed(me)) {
    clear(container);
    container.append(h('h1', { tabindex: '-1' }, 'Page introuvable'), h('p', {}, 'Cette page n’existe pas ou ne vous est pas accessible. ', h('a', { href: '/', 'data-link': true }, 'Retour à l’accueil')));
    document.title = 'Page introuvable — MetroCloud';
    focusTitle();
    return;
  }
  container.setAttribute('aria-busy', 'true');
  try {
    const ctx: ViewContext = { api, me, query: url.searchParams, refresh: () => void show(currentPath(), api, me), navigate: (to) => navigate(to, api, me), refreshInboxCount: () => refreshInboxCount(api, me), refreshTaskCount: () => refreshTaskCount(api, me) };
    const content = await VIEWS[route.path](ctx, match.params);
    clear(container);
    container.append(...content);
  } catch (e) {
    clear(container);
    const message = e instanceof ApiError ? e.message : 'Une erreur inattendue est survenue.';
    container.append(h('h1', { tabindex: '-1' }, route.label), h('div', { class: 'alert alert-error', role: 'alert' }, message));
  } finally {
    container.removeAttribute('aria-busy');
  }
  document.title = `${container.querySelector('h1')?.textContent ?? route.label} — MetroCloud`;
  focusTitle();
}

function focusTitle(): void {
  const title = main().querySelector('h1');
  if (title) {
    title.setAttribute('tabindex', '-1');
    title.focus();
  }
}

function renderHeader(auth: Auth, me: Me | null): void {
  const header = document.getElementById('entete') as HTMLElement;
  clear(header);
  const logout = h('button', { type: 'button', class: 'button secondary small' }, 'Se déconnecter');
  logout.addEventListener('click', () => void auth.logout());
  append(header, [
    h(
      'div',
      { class: 'brand' },
      h('a', { href: '/', 'data-link': true, class: 'brand-link' }, h('span', { class: 'brand-name' }, 'MetroCloud')),
      h('span', { class: 'brand-tagline' }, 'Le cloud métropolitain de l’Eurométropole de Strasbourg'),
    ),
    me
      ? h(
          'div',
          { class: 'session' },
          h('p', { class: 'who' }, h('span', { class: 'user' }, me.displayName), me.commune ? h('span', { class: 'commune' }, ` — ${me.commune.name}`) : h('span', { class: 'commune' }, ' — DSI'), h('span', { class: 'roles' }, ` (${me.roles.map((r) => ROLE_LABELS[r] ?? r).join(', ')})`)),
          logout,
        )
      : null,
  ]);
}

function renderNav(me: Me): void {
  const nav = document.getElementById('navigation') as HTMLElement;
  clear(nav);
  const current = navigationPathOf(window.location.pathname, me);
  nav.append(
    h(
      'ul',
      {},
      ROUTES.filter((r) => r.nav && r.allowed(me)).map((r) =>
        h('li', {}, h('a', { href: r.path, 'data-link': true, 'aria-current': r.path === current ? 'page' : undefined }, navLabel(r.path, r.label))),
      ),
    ),
  );
  nav.hidden = false;
}

/** The parapheur's counter as last read (null: unknown, or the commune is not subscribed). */
let inboxCount: InboxCount | null = null;
let inboxRequests = 0;

/**
 * Reads how many parapheur documents await the person and updates the navigation's link, for the commune's people
 * only. A refusal (403: the commune is not subscribed to the e-signature service) hides the counter silently.
 */
function refreshInboxCount(api: Api, me: Me): void {
  if (!isCommuneMember(me)) return;
  const request = ++inboxRequests;
  api.inboxCount().then(
    (count) => {
      if (request !== inboxRequests) return;
      inboxCount = count;
      updateInboxLink();
    },
    (e: unknown) => {
      if (request !== inboxRequests) return;
      if (e instanceof ApiError && (e.status === 403 || e.status === 401 || e.status === 404)) inboxCount = null;
      updateInboxLink();
    },
  );
}

/** The procedures' task count as last read (null: unknown). */
let taskCount: number | null = null;
let taskRequests = 0;

/**
 * Reads how many procedure tasks (leave requests to decide …) await the person and updates the navigation's « Mes
 * tâches » link, for the commune's people only; a refusal hides the counter silently.
 */
function refreshTaskCount(api: Api, me: Me): void {
  if (!isCommuneMember(me)) return;
  const request = ++taskRequests;
  api.taskCount().then(
    (count) => {
      if (request !== taskRequests) return;
      taskCount = count.count;
      updateNavLink(TASKS_PATH);
    },
    (e: unknown) => {
      if (request !== taskRequests) return;
      if (e instanceof ApiError && (e.status === 403 || e.status === 401 || e.status === 404)) taskCount = null;
      updateNavLink(TASKS_PATH);
    },
  );
}

/**
 * "Parapheur (3)", read "Parapheur (3 documents en attente)"; "Mes tâches (2)", read "Mes tâches (2 tâches en
 * attente)"; the label alone when nothing awaits.
 */
function navLabel(path: string, label: string): (Node | string)[] {
  if (path === INBOX_PATH && inboxCount && inboxCount.count > 0) {
    return [
      label,
      h('span', { class: 'nav-count', 'aria-hidden': 'true' }, ` (${inboxCount.count})`),
      srOnly(` (${inboxCountLabel(inboxCount.count, inboxCount.overdue)})`),
    ];
  }
  if (path === TASKS_PATH && taskCount !== null && taskCount > 0) {
    return [label, h('span', { class: 'nav-count', 'aria-hidden': 'true' }, ` (${taskCount})`), srOnly(` (${taskCountLabel(taskCount)})`)];
  }
  return [label];
}

function updateInboxLink(): void {
  updateNavLink(INBOX_PATH);
}

function updateNavLink(path: string): void {
  const link = document.querySelector(`#navigation a[href="${path}"]`);
  const route = ROUTES.find((r) => r.path === path);
  if (link && route) link.replaceChildren(...navLabel(path, route.label));
}

function showLanding(auth: Auth, notice?: string): void {
  renderHeader(auth, null);
  const container = main();
  clear(container);
  const login = h('button', { type: 'button', class: 'button large' }, 'Se connecter');
  login.addEventListener('click', () => void auth.login(window.location.pathname === CALLBACK_PATH ? '/' : currentPath()));
  append(container, [
    h('h1', { tabindex: '-1' }, 'Bienvenue sur MetroCloud'),
    notice ? h('div', { class: 'alert alert-info', role: 'status' }, notice) : null,
    h('p', { class: 'lead' }, 'Les services numériques mutualisés de l’Eurométropole de Strasbourg pour ses 33 communes membres : parapheur électronique, gestion documentaire, archivage, procédures internes et connecteurs.'),
    h('p', {}, 'Connectez-vous avec votre compte MetroCloud. Si vous travaillez pour plusieurs communes, vous choisirez la commune au moment de la connexion.'),
    login,
  ]);
  document.title = 'Connexion — MetroCloud';
}

function showError(title: string, message: string, auth?: Auth): void {
  const container = main();
  clear(container);
  container.append(h('h1', { tabindex: '-1' }, title), h('div', { class: 'alert alert-error', role: 'alert' }, message));
  if (auth) {
    const again = h('button', { type: 'button', class: 'button secondary' }, 'Se reconnecter');
    again.addEventListener('click', () => void auth.logout());
    container.append(again);
  }
  document.title = `${title} — MetroCloud`;
}

void start();
