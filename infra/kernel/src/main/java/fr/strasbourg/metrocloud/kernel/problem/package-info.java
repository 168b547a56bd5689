/**
 * Problems: the domain and application layers signal refusals with {@link
 * fr.strasbourg.metrocloud.kernel.problem.Problem} exceptions that carry an HTTP status, a stable
 * machine-readable {@code code}, a French human-readable detail (the portal shows it as is) and
 * optional extension members. The REST layer renders them as RFC 9457 {@code
 * application/problem+json} documents whose {@code type} is {@code
 * https://metrocloud.strasbourg.eu/problems/<code>}.
 */
package fr.strasbourg.metrocloud.kernel.problem;
