/**
 * Runs each module's Flyway migrations at start-up, in module order, with the schema owner's
 * non-transactional data source (the application's own role owns nothing). Flyway's PostgreSQL
 * advisory lock serializes instances starting together.
 */
package fr.strasbourg.metrocloud.app.migration;
