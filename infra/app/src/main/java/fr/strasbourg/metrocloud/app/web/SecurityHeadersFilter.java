package fr.strasbourg.metrocloud.app.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Security headers on every response of the application, and the portal's routing: a navigation to
 * a portal path (no file extension, not the API) is answered with the portal's {@code index.html},
 * which routes on the client.
 */
@WebFilter(urlPatterns = "/*")
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject
  @ConfigProperty(name = "metrocloud.keycloak.url")
  String keycloakUrl;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self';"
            + " connect-src 'self' "
            + keycloakUrl
            + "; form-action 'self' "
            + keycloakUrl
            + "; frame-ancestors 'none'; base-uri 'self'; object-src 'none'");
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (isPortalRoute(request.getMethod(), path, request.getHeader("Accept"))) {
      response.setHeader("Cache-Control", "no-cache");
      request.getRequestDispatcher("/index.html").forward(request, response);
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * Portal routes: a browser navigation (GET accepting HTML) outside the API, whose last segment
   * has no dot, other than the root (served as welcome file). Programmatic clients and servlets,
   * which do not ask for HTML, are not affected.
   */
  static boolean isPortalRoute(String method, String path, String accept) {
    if (!"GET".equals(method) || path.isEmpty() || "/".equals(path)) {
      return false;
    }
    // Browsers navigating ask for XHTML too (and send Sec-Fetch-Mode: navigate); java.net clients
    // such
    // as Arquillian's servlet protocol send a generic "text/html, image/gif, …" that must not
    // match.
    if (accept == null
        || !accept.contains("text/html")
        || !accept.contains("application/xhtml+xml")) {
      return false;
    }
    if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/assets/")) {
      return false;
    }
    String last = path.substring(path.lastIndexOf('/') + 1);
    return !last.contains(".");
  }
}
