/**
 * Published language of the integration context (not built yet). The integration context will run
 * Apache Camel routes inside the platform that exchange with each commune's HR and finance software
 * (SFTP/CSV or REST/JSON), fed by a transactional outbox, with idempotency keys, redelivery and a
 * per-commune dead-letter store. Other contexts will find here the outbound message types and the
 * connector ports (agents directory, budget check, commitments, receivables).
 */
package fr.strasbourg.metrocloud.integration.api;
