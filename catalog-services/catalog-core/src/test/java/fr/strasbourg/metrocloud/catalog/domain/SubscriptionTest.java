package fr.strasbourg.metrocloud.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
  private static final InseeCode ESCHAU = InseeCode.of("67131");

  private static Subscription startingOn(LocalDate day) {
    return Subscription.start(
        ESCHAU, ServiceCode.E_SIGNATURE, day, TODAY, "DCM-2026-45", "admin", NOW);
  }

  @Test
  void aSubscriptionStartingTodayIsActiveUntilEnded() {
    Subscription s = startingOn(TODAY);
    assertThat(s.statusOn(TODAY)).isEqualTo(SubscriptionStatus.ACTIVE);
    s.end(TODAY.plusDays(8), TODAY, "DCM-2026-60", "admin", NOW);
    assertThat(s.statusOn(TODAY)).isEqualTo(SubscriptionStatus.ENDING);
    assertThat(s.statusOn(TODAY.plusDays(7))).isEqualTo(SubscriptionStatus.ENDING);
    assertThat(s.statusOn(TODAY.plusDays(8))).isEqualTo(SubscriptionStatus.ENDED);
    assertThat(s.endDeliberationRef()).isEqualTo("DCM-2026-60");
  }

  @Test
  void noRetroactiveStartNorStartMoreThanAYearAhead() {
    assertThatThrownBy(() -> startingOn(TODAY.minusDays(1)))
        .isInstanceOf(SubscriptionRuleException.class)
        .extracting("code")
        .isEqualTo("retroactive-subscription");
    assertThatThrownBy(() -> startingOn(TODAY.plusYears(1).plusDays(1)))
        .extracting("code")
        .isEqualTo("subscription-too-far-ahead");
  }

  @Test
  void noRetroactiveEndAndNoSecondEnd() {
    Subscription s = startingOn(TODAY);
    assertThatThrownBy(() -> s.end(TODAY.minusDays(1), TODAY, null, "admin", NOW))
        .extracting("code")
        .isEqualTo("retroactive-unsubscription");
    s.end(TODAY, TODAY, null, "admin", NOW);
    assertThatThrownBy(() -> s.end(TODAY, TODAY, null, "admin", NOW))
        .extracting("code")
        .isEqualTo("subscription-already-ended");
  }

  @Test
  void endingAScheduledSubscriptionCancelsIt() {
    Subscription s = startingOn(TODAY.plusMonths(1));
    assertThat(s.statusOn(TODAY)).isEqualTo(SubscriptionStatus.SCHEDULED);
    s.end(TODAY, TODAY, null, "admin", NOW);
    assertThat(s.statusOn(TODAY)).isEqualTo(SubscriptionStatus.CANCELLED);
    assertThat(s.overlaps(TODAY, null)).isFalse();
  }

  @Test
  void overlapsFollowsHalfOpenPeriods() {
    Subscription s = startingOn(TODAY);
    s.end(TODAY.plusDays(10), TODAY, null, "admin", NOW);
    assertThat(s.overlaps(TODAY.plusDays(10), null)).isFalse();
    assertThat(s.overlaps(TODAY.plusDays(9), null)).isTrue();
    assertThat(s.overlaps(TODAY.minusDays(5), TODAY)).isFalse();
    assertThat(s.overlaps(TODAY.minusDays(5), TODAY.plusDays(1))).isTrue();
  }
}
