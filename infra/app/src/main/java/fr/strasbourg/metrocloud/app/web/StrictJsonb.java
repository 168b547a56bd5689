package fr.strasbourg.metrocloud.app.web;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON-B for the API: a request body with a property the operation does not know is refused (typos
 * must not be silently ignored), dates are ISO-8601.
 */
@Provider
public class StrictJsonb implements ContextResolver<Jsonb> {

  private final Jsonb jsonb =
      JsonbBuilder.create(
          new JsonbConfig()
              .setProperty("jsonb.fail-on-unknown-properties", true)
              .setProperty("yasson.fail-on-unknown-properties", true)
              .withFormatting(false));

  @Override
  public Jsonb getContext(Class<?> type) {
    return jsonb;
  }
}
