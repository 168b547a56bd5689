package fr.strasbourg.metrocloud.signatures.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The text of a visible signature stamp, in French. */
public final class StampText {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRENCH).withZone(PARIS);

  private StampText() {}

  public static String of(
      String signerName, String signerTitle, String communeName, String onBehalfOf, Instant at) {
    StringBuilder text = new StringBuilder("Signé électroniquement par ").append(signerName);
    if (onBehalfOf != null && !onBehalfOf.isBlank()) {
      text.append("\npar délégation de ").append(onBehalfOf);
    }
    String capacity = signerTitle == null || signerTitle.isBlank() ? null : signerTitle.strip();
    text.append('\n').append(capacity == null ? communeName : capacity + " — " + communeName);
    text.append("\nle ").append(DATE.format(at)).append(" (heure de Paris)");
    return text.toString();
  }

  /** The PDF signature's reason field. */
  public static String reason(String reason, String onBehalfOf) {
    String base = reason == null || reason.isBlank() ? "Signature" : reason.strip();
    return onBehalfOf == null || onBehalfOf.isBlank()
        ? base
        : base + " (par délégation de " + onBehalfOf + ")";
  }
}
