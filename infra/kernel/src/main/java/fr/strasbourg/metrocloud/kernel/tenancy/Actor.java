package fr.strasbourg.metrocloud.kernel.tenancy;

import java.util.Objects;

/**
 * Who performs an action: the subject of the access token (stable Keycloak user id), the login name
 * shown in audit records and the display name. A platform component acting on its own has a {@code
 * system:} subject.
 */
public record Actor(String subject, String username, String displayName) {

  public Actor {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(username, "username");
    displayName = displayName == null || displayName.isBlank() ? username : displayName;
  }

  public static Actor system(String component) {
    return new Actor(
        "system:" + component, "system:" + component, "MetroCloud (" + component + ")");
  }

  public boolean isSystem() {
    return subject.startsWith("system:");
  }
}
