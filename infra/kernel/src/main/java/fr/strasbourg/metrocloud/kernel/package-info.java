/**
 * The shared kernel of MetroCloud: the few types every bounded context speaks (who is calling, on
 * behalf of which commune), the one place where a database transaction is bound to a tenant for
 * PostgreSQL Row-Level Security, the problem types that the REST layer renders as RFC 9457
 * documents, the audit trail port and the per-module migration SPI. It holds no business rules of
 * any context.
 */
package fr.strasbourg.metrocloud.kernel;
