package fr.strasbourg.metrocloud.archive.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How long a kind of record is kept (its durée d'utilité administrative, DUA) and what happens
 * then.
 *
 * @param code identifier of the rule in the commune's referential, e.g. {@code DELIBERATIONS}
 * @param duration the retention period, empty for records kept forever from the start
 */
public record RetentionRule(
    String code, String label, Optional<Period> duration, FinalAction finalAction) {

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_-]{1,39}");

  public RetentionRule {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "Code de règle invalide (2 à 40 majuscules, chiffres, _ ou -) : " + code);
    }
    if (label == null || label.isBlank() || label.length() > 200) {
      throw new IllegalArgumentException("Libellé de règle obligatoire (200 caractères au plus).");
    }
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(finalAction, "finalAction");
    if (duration.isPresent()
        && (duration.get().isNegative()
            || duration.get().isZero()
            || duration.get().getYears() > 200)) {
      throw new IllegalArgumentException("Durée de conservation invalide : " + duration.get());
    }
    if (duration.isEmpty() && finalAction == FinalAction.DESTROY) {
      throw new IllegalArgumentException(
          "Une règle sans durée conserve pour toujours : son sort final ne peut être la destruction.");
    }
  }

  /** A rule of {@code years} years. */
  public static RetentionRule years(String code, String label, int years, FinalAction action) {
    return new RetentionRule(code, label, Optional.of(Period.ofYears(years)), action);
  }

  /** Records kept for good from the start (e.g. deliberations). */
  public static RetentionRule forever(String code, String label) {
    return new RetentionRule(code, label, Optional.empty(), FinalAction.KEEP);
  }

  /** The day the retention period ends for a unit whose period starts on {@code start}. */
  public Optional<LocalDate> endOf(LocalDate start) {
    Objects.requireNonNull(start, "start");
    return duration.map(start::plus);
  }

  /** The duration as SEDA 2.2 writes it (xsd:duration, e.g. {@code P5Y}); empty when forever. */
  public Optional<String> sedaDuration() {
    return duration.map(Period::toString);
  }
}
