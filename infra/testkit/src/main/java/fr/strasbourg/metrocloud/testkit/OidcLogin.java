package fr.strasbourg.metrocloud.testkit;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs in to the portal client as a browser does: authorization-code flow with PKCE through
 * Keycloak's real login pages (identity-first username page, password page, organization selection,
 * password change on first login). Cookies are kept by hand because Keycloak marks them {@code
 * Secure} and Java's cookie manager would not send them over plain HTTP on loopback (browsers do,
 * for 127.0.0.1).
 */
public final class OidcLogin {

  private static final Pattern FORM_ACTION =
      Pattern.compile("<form[^>]*\\baction=\"([^\"]+)\"", Pattern.DOTALL);
  private static final Pattern ORG_BUTTON =
      Pattern.compile("name=\"kc.org\"\\s+value=\"([^\"]+)\"");
  private static final Pattern ERROR =
      Pattern.compile(
          "(?:kc-feedback-text|input-error[^\"]*|alert-error[^\"]*)\"[^>]*>\\s*([^<]+)<");

  private final Environment env;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public OidcLogin(Environment env) {
    this.env = env;
  }

  /** Tokens of a completed login. */
  public record Tokens(String accessToken, String refreshToken, JsonObject claims) {}

  /**
   * Logs in with {@code scope=openid organization}; {@code organization} chooses one when the user
   * has several.
   */
  public Tokens login(String username, String password, String organization) {
    return login(username, password, organization, null, "openid profile email organization");
  }

  /**
   * Full login. {@code newPassword} answers the "update password" required action of a first login
   * (temporary password), if Keycloak asks for it.
   */
  public Tokens login(
      String username, String password, String organization, String newPassword, String scope) {
    String verifier = randomUrlSafe(32);
    String challenge = base64Url(sha256(verifier));
    String state = randomUrlSafe(12);
    String authorize =
        env.realmUrl()
            + "/protocol/openid-connect/auth?"
            + Json2.form(
                Map.of(
                    "client_id",
                    "metrocloud-portal",
                    "response_type",
                    "code",
                    "redirect_uri",
                    env.portalRedirectUri(),
                    "scope",
                    scope,
                    "state",
                    state,
                    "nonce",
                    randomUrlSafe(12),
                    "code_challenge",
                    challenge,
                    "code_challenge_method",
                    "S256"));
    HttpResponse<String> page = get(authorize);
    boolean passwordSent = false;
    for (int step = 0; step < 10; step++) {
      if (page.statusCode() == 302 || page.statusCode() == 303) {
        String location = page.headers().firstValue("Location").orElseThrow();
        if (location.startsWith(env.portalRedirectUri())) {
          return exchange(location, verifier);
        }
        page = get(location);
        continue;
      }
      if (page.statusCode() != 200) {
        throw new LoginFailed(
            "Keycloak answered " + page.statusCode() + " at step " + step, page.body());
      }
      String html = page.body();
      String action = formAction(html);
      if (html.contains("name=\"kc.org\"")) {
        if (organization == null) {
          throw new LoginFailed(
              "Keycloak asks to choose an organization among " + organizations(html), html);
        }
        page = post(action, Map.of("kc.org", organization));
      } else if (html.contains("name=\"password-new\"")) {
        if (newPassword == null) {
          throw new LoginFailed("Keycloak asks to change the temporary password", html);
        }
        page = post(action, Map.of("password-new", newPassword, "password-confirm", newPassword));
      } else if (html.contains("name=\"password\"")) {
        if (passwordSent) {
          throw new LoginFailed(
              "Login refused" + (errorOf(html) == null ? "" : ": " + errorOf(html)), html);
        }
        passwordSent = true;
        page = post(action, Map.of("username", username, "password", password, "credentialId", ""));
      } else if (html.contains("name=\"username\"")) {
        page = post(action, Map.of("username", username));
      } else {
        throw new LoginFailed(
            "Unexpected Keycloak page: " + (errorOf(html) == null ? "" : errorOf(html)), html);
      }
    }
    throw new LoginFailed("Login did not complete", "");
  }

  private Tokens exchange(String location, String verifier) {
    URI uri = URI.create(location);
    String code = null;
    for (String pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith("code=")) {
        code = java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
      }
    }
    if (code == null) {
      throw new LoginFailed("No authorization code in " + location, "");
    }
    HttpResponse<String> r =
        post(
            env.realmUrl() + "/protocol/openid-connect/token",
            Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                "metrocloud-portal",
                "code",
                code,
                "redirect_uri",
                env.portalRedirectUri(),
                "code_verifier",
                verifier));
    if (r.statusCode() != 200) {
      throw new LoginFailed("Token endpoint answered " + r.statusCode(), r.body());
    }
    JsonObject json = Json2.object(r.body());
    String access = json.getString("access_token");
    return new Tokens(access, json.getString("refresh_token", null), claimsOf(access));
  }

  /** The claims of a JWT (not verified: the platform verifies; tests read them). */
  public static JsonObject claimsOf(String jwt) {
    String payload = jwt.split("\\.")[1];
    return Json2.object(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  private HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  private HttpResponse<String> post(String url, Map<String, String> form) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(Json2.form(form))));
  }

  private HttpResponse<String> send(HttpRequest.Builder builder) {
    if (!cookies.isEmpty()) {
      builder.header(
          "Cookie",
          String.join(
              "; ",
              cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }
    try {
      HttpResponse<String> r =
          http.send(
              builder.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      for (String setCookie : r.headers().allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq > 0) {
          String name = pair.substring(0, eq).trim();
          String value = pair.substring(eq + 1).trim();
          if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
            cookies.remove(name);
          } else {
            cookies.put(name, value);
          }
        }
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String formAction(String html) {
    Matcher m = FORM_ACTION.matcher(html);
    if (!m.find()) {
      throw new LoginFailed(
          "No form on Keycloak page: " + (errorOf(html) == null ? "" : errorOf(html)), html);
    }
    return m.group(1).replace("&amp;", "&");
  }

  private static String organizations(String html) {
    Matcher m = ORG_BUTTON.matcher(html);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(m.group(1));
    }
    return sb.toString();
  }

  private static String errorOf(String html) {
    Matcher m = ERROR.matcher(html);
    return m.find() ? m.group(1).trim() : null;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String randomUrlSafe(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return base64Url(b);
  }

  private static String base64Url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The login did not complete; carries the last page for diagnosis. */
  public static final class LoginFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoginFailed(String message, String page) {
      super(message + (page == null || page.isEmpty() ? "" : " — page: " + abbreviate(page)));
    }

    private static String abbreviate(String page) {
      String text =
          page.replaceAll("(?s)<script.*?</script>", "")
              .replaceAll("<[^>]+>", " ")
              .replaceAll("\\s+", " ");
      return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
  }
}
