package fr.strasbourg.metrocloud.archive.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetentionRulesTest {

  private static final Map<String, RetentionRule> RULES =
      RetentionRules.defaults().stream()
          .collect(Collectors.toMap(RetentionRule::code, Function.identity()));

  @Test
  void theSeedHasTheCommonDurations() {
    assertThat(RULES.get("DELIBERATIONS").duration()).isEmpty();
    assertThat(RULES.get("DELIBERATIONS").finalAction()).isEqualTo(FinalAction.KEEP);
    assertThat(RULES.get("CONGES").sedaDuration()).contains("P5Y");
    assertThat(RULES.get("CONGES").finalAction()).isEqualTo(FinalAction.DESTROY);
    assertThat(RULES.get("FACTURES").sedaDuration()).contains("P10Y");
    assertThat(RULES.get("FACTURES").endOf(LocalDate.of(2026, 12, 31)))
        .contains(LocalDate.of(2036, 12, 31));
    assertThat(RULES).hasSize(RetentionRules.defaults().size());
  }

  @Test
  void inconsistentRulesAreRefused() {
    assertThatThrownBy(() -> new RetentionRule("X1", "Rien", Optional.empty(), FinalAction.DESTROY))
        .hasMessageContaining("pour toujours");
    assertThatThrownBy(() -> RetentionRule.years("bad code", "x", 5, FinalAction.DESTROY))
        .hasMessageContaining("Code de règle invalide");
    assertThatThrownBy(() -> RetentionRule.years("ZERO", "x", 0, FinalAction.DESTROY))
        .hasMessageContaining("Durée");
  }

  @Test
  void aUnitIsProposedForDisposalOnlyWhenItsPeriodEndedItsFateIsDestructionAndNoHoldBlocksIt() {
    RetentionRule leave = RULES.get("CONGES");
    LocalDate start = LocalDate.of(2020, 3, 1);
    assertThat(DisposalEligibility.of(leave, start, false, LocalDate.of(2025, 2, 28)).eligible())
        .isFalse();
    DisposalEligibility.Decision due =
        DisposalEligibility.of(leave, start, false, LocalDate.of(2025, 3, 1));
    assertThat(due.eligible()).isTrue();
    assertThat(due.retentionEnd()).contains(LocalDate.of(2025, 3, 1));
    DisposalEligibility.Decision held =
        DisposalEligibility.of(leave, start, true, LocalDate.of(2030, 1, 1));
    assertThat(held.eligible()).isFalse();
    assertThat(held.reason()).contains("legal hold");
    assertThat(
            DisposalEligibility.of(
                    RULES.get("DELIBERATIONS"), start, false, LocalDate.of(2999, 1, 1))
                .eligible())
        .isFalse();
    assertThat(
            DisposalEligibility.of(
                    RULES.get("DOSSIERS_AGENTS"), start, false, LocalDate.of(2200, 1, 1))
                .eligible())
        .isFalse();
  }

  @Test
  void aTransferOutsideTheAgreementIsRefusedWithItsReasons() {
    ArchivalAgreement agreement =
        new ArchivalAgreement(
            "CONV-67482-RH",
            "Versements du service RH",
            Set.of("RH"),
            Set.of("CONGES", "DOSSIERS_AGENTS"),
            true);
    assertThat(agreement.violations("CONV-67482-RH", "RH", "CONGES")).isEmpty();
    assertThat(agreement.violations("CONV-67482-RH", "FINANCES", "FACTURES"))
        .hasSize(2)
        .anyMatch(v -> v.contains("FINANCES"))
        .anyMatch(v -> v.contains("FACTURES"));
    assertThat(agreement.violations("AUTRE", "RH", "CONGES"))
        .singleElement()
        .asString()
        .contains("AUTRE");
    ArchivalAgreement ended =
        new ArchivalAgreement("CONV-1", "Ancienne", Set.of("RH"), Set.of("CONGES"), false);
    assertThat(ended.violations("CONV-1", "RH", "CONGES"))
        .singleElement()
        .asString()
        .contains("n'est plus en vigueur");
  }
}
