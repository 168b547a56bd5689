/**
 * The web edge: strict JSON binding (unknown properties are refused), security headers on every
 * response, and the portal's single-page routing (deep links answer the portal's {@code
 * index.html}).
 */
package fr.strasbourg.metrocloud.app.web;
