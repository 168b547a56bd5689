/**
 * Tenancy: a commune is a tenant keyed by its INSEE code. A {@link
 * fr.strasbourg.metrocloud.kernel.tenancy.CallContext} is built once per request from the
 * authenticated token (never from a path or body parameter) and passed explicitly to every
 * application service; {@link fr.strasbourg.metrocloud.kernel.tenancy.TenantBindingInterceptor}
 * turns it into the PostgreSQL settings that the Row-Level Security policies read, once per JTA
 * transaction.
 */
package fr.strasbourg.metrocloud.kernel.tenancy;
