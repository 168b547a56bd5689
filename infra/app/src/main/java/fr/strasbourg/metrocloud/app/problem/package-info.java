/**
 * RFC 9457 problem responses: every error of the API, whatever raised it (a domain refusal, bean
 * validation, malformed JSON, an unknown path, a database constraint, a bug), leaves as {@code
 * application/problem+json} with a stable {@code code}; internal errors carry an incident id and
 * never a stack trace.
 */
package fr.strasbourg.metrocloud.app.problem;
