/**
 * The MetroCloud application: assembles the bounded contexts into one WAR for Open Liberty, and
 * owns what is common to every request — JWT authentication and the call context, deny-by-default
 * authorization, tenant admission (suspended communes), RFC 9457 problem responses, strict JSON,
 * the portal's static files, health checks and the database migrations run at start-up.
 */
package fr.strasbourg.metrocloud.app;
