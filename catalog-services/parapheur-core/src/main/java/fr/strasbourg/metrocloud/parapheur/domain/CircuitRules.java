package fr.strasbourg.metrocloud.parapheur.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The rules of circuits, in French for the people who break them. */
public final class CircuitRules {

  /** The roles a step may be assigned to. */
  public static final Set<String> ASSIGNABLE_ROLES =
      Set.of("commune-admin", "agent", "manager", "elected-official");

  public static final int MAX_STEPS = 20;

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,99}");

  private CircuitRules() {}

  /** What is wrong with a template, empty if nothing. */
  public static List<String> problems(String name, List<TemplateStep> steps) {
    List<String> problems = new ArrayList<>();
    if (name == null || name.isBlank() || name.strip().length() > 120) {
      problems.add("le nom du circuit est obligatoire (120 caractères au plus)");
    }
    if (steps == null || steps.isEmpty()) {
      problems.add("un circuit a au moins une étape");
      return problems;
    }
    if (steps.size() > MAX_STEPS) {
      problems.add("un circuit a au plus " + MAX_STEPS + " étapes");
    }
    TreeSet<Integer> stages = new TreeSet<>();
    for (int i = 0; i < steps.size(); i++) {
      TemplateStep step = steps.get(i);
      String where = "étape " + (i + 1) + " : ";
      if (step.kind() == null) {
        problems.add(where + "le type (visa ou signature) est obligatoire");
      }
      if (step.stage() < 1) {
        problems.add(where + "le rang commence à 1");
      }
      stages.add(step.stage());
      boolean person = step.username() != null && !step.username().isBlank();
      boolean role = step.role() != null && !step.role().isBlank();
      if (person == role) {
        problems.add(where + "désignez soit une personne, soit un rôle");
      } else if (person && !USERNAME.matcher(step.username().strip().toLowerCase()).matches()) {
        problems.add(where + "identifiant de personne invalide");
      } else if (role && !ASSIGNABLE_ROLES.contains(step.role())) {
        problems.add(
            where + "rôle inconnu « " + step.role() + " » (attendu : " + ASSIGNABLE_ROLES + ")");
      }
      if (step.label() != null && step.label().length() > 120) {
        problems.add(where + "la qualité dépasse 120 caractères");
      }
    }
    if (!stages.isEmpty() && (stages.first() != 1 || stages.last() != stages.size())) {
      problems.add("les rangs des étapes se suivent à partir de 1, sans trou");
    }
    return problems;
  }

  /** A step's state as progression sees it. */
  public record StepState(int stage, String status) {}

  /**
   * After a step of {@code currentStage} is done: the stage to open next, {@code 0} if the current
   * one still has steps to complete, {@code -1} if the circuit is complete.
   */
  public static int nextStage(List<StepState> steps, int currentStage) {
    boolean open =
        steps.stream().anyMatch(s -> s.stage() == currentStage && !"DONE".equals(s.status()));
    if (open) {
      return 0;
    }
    return steps.stream()
        .filter(s -> s.stage() > currentStage && "WAITING".equals(s.status()))
        .mapToInt(StepState::stage)
        .min()
        .orElse(-1);
  }
}
