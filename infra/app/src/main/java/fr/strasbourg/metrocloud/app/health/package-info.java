/**
 * MicroProfile Health checks: {@code /health/live} (the JVM serves) and {@code /health/ready}
 * (database, schema).
 */
package fr.strasbourg.metrocloud.app.health;
