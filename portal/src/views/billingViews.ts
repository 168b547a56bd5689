// The billing pages and dashboards, loaded together on demand (a separate file of the bundle: most of the portal's
// users never open them).
export { communeDashboardView, metropoleDashboardView } from './billingDashboards';
export { billingRunsView } from './billingRuns';
export { statementView } from './billingStatement';
export { statementsView } from './billingStatements';
export { simulationView } from './simulation';
export { tariffsView } from './tariffs';
