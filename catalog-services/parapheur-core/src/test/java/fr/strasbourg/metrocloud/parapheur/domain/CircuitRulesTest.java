package fr.strasbourg.metrocloud.parapheur.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.parapheur.domain.CircuitRules.StepState;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitRulesTest {

  @Test
  void aVisaThenASignatureIsAValidCircuit() {
    assertThat(
            CircuitRules.problems(
                "Arrêtés",
                List.of(
                    new TemplateStep(1, StepKind.VISA, "dgs.bischheim", null, null, "DGS"),
                    new TemplateStep(
                        2, StepKind.SIGNATURE, null, null, "elected-official", "Maire"))))
        .isEmpty();
  }

  @Test
  void badTemplatesAreExplained() {
    assertThat(CircuitRules.problems("", List.of())).hasSize(2);
    assertThat(
            CircuitRules.problems(
                "X",
                List.of(
                    new TemplateStep(1, StepKind.VISA, "a", null, "agent", null),
                    new TemplateStep(3, StepKind.SIGNATURE, null, null, "mayor", null))))
        .anyMatch(p -> p.contains("soit une personne, soit un rôle"))
        .anyMatch(p -> p.contains("rôle inconnu"))
        .anyMatch(p -> p.contains("sans trou"));
  }

  @Test
  void aStageOpensWhenThePreviousOneIsCompleteAndTheCircuitEndsAfterTheLast() {
    List<StepState> parallelFirstStage =
        List.of(new StepState(1, "DONE"), new StepState(1, "PENDING"), new StepState(2, "WAITING"));
    assertThat(CircuitRules.nextStage(parallelFirstStage, 1)).isZero();
    List<StepState> firstDone =
        List.of(new StepState(1, "DONE"), new StepState(1, "DONE"), new StepState(2, "WAITING"));
    assertThat(CircuitRules.nextStage(firstDone, 1)).isEqualTo(2);
    List<StepState> allDone = List.of(new StepState(1, "DONE"), new StepState(2, "DONE"));
    assertThat(CircuitRules.nextStage(allDone, 2)).isEqualTo(-1);
  }
}
