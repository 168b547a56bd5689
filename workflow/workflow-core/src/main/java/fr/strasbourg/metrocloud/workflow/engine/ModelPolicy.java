package fr.strasbourg.metrocloud.workflow.engine;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.EventDefinition;
import org.flowable.bpmn.model.ExclusiveGateway;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.FlowableListener;
import org.flowable.bpmn.model.ImplementationType;
import org.flowable.bpmn.model.ParallelGateway;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.bpmn.model.UserTask;
import org.flowable.validation.ProcessValidator;
import org.flowable.validation.ProcessValidatorFactory;
import org.flowable.validation.ValidationError;

/**
 * What a commune's own variant of a process may contain. A BPMN file can run code (script tasks,
 * Java classes, any expression over any bean), so a commune administrator's upload is checked
 * against a whitelist before Flowable sees it: events, user tasks, gateways, timers, and service
 * tasks that call only the platform steps of that process; conditions only compare variables with
 * literals; candidates are literal names or the platform's variables. Flowable's own validator runs
 * after.
 */
public final class ModelPolicy {

  /** The platform steps each process may call, by process key. */
  public static final Map<String, Set<String>> STEPS =
      Map.of(
          "leaveRequest",
          Set.of(
              "${leaveProcess.approved(execution)}",
              "${leaveProcess.refused(execution)}",
              "${leaveProcess.escalate(execution)}"),
          "missionOrder",
          Set.of(
              "${missionProcess.checkBudget(execution)}",
              "${missionProcess.requestSignature(execution)}",
              "${missionProcess.signed(execution)}",
              "${missionProcess.refused(execution)}",
              "${missionProcess.budgetRefused(execution)}",
              "${missionProcess.signatureRefused(execution)}",
              "${missionProcess.expensesSentBack(execution)}",
              "${missionProcess.closed(execution)}"));

  /** The only expression an assignee may be: the agent of the request. */
  private static final String AGENT = "${agent}";

  private static final Pattern CONDITION =
      Pattern.compile(
          "\\$\\{\\s*[a-zA-Z][a-zA-Z0-9]{0,60}(\\s*(==|!=)\\s*'[a-zA-Z0-9_-]{0,40}')?\\s*\\}");
  private static final Pattern NAMES = Pattern.compile("[a-zA-Z0-9._@-]{1,255}");
  private static final Set<String> CANDIDATE_VARIABLES =
      Set.of("${approvers}", "${approverGroups}", "${hrGroups}");
  private static final Pattern TIMER =
      Pattern.compile("\\$\\{reminderAt\\}|P(T?[0-9]+[DHMW])+|PT?[0-9]+[DHMWS]");

  private ModelPolicy() {}

  /** Parses a BPMN file (schema-validated, without DTDs or external entities). */
  public static BpmnModel parse(byte[] xml) {
    try {
      return new BpmnXMLConverter()
          .convertToBpmnModel(() -> new ByteArrayInputStream(xml), true, true);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalArgumentException(
          "Fichier BPMN 2.0 illisible ou non conforme au schéma : " + cause.getMessage());
    }
  }

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{[^}]*\\}?");

  /**
   * The violations of the policy, in French; empty when the model may be deployed.
   *
   * @param xml the file as uploaded: every expression in it (task names and descriptions are
   *     expressions in Flowable too) must be one the policy allows
   */
  public static List<String> violations(byte[] xml, BpmnModel model, String expectedKey) {
    List<String> out = new ArrayList<>();
    Set<String> steps = STEPS.getOrDefault(expectedKey, Set.of());
    // Every expression of the file must sit where the model checks below expect one (service task
    // implementation, candidates, timer, flow condition): the same expression anywhere else (a task
    // name, a priority…) would be evaluated too.
    List<String> expected = expectedExpressions(model);
    for (String text : decodedTexts(xml)) {
      java.util.regex.Matcher m = EXPRESSION.matcher(text);
      while (m.find()) {
        String expression = m.group().strip();
        boolean allowed =
            (steps.contains(expression)
                    || CANDIDATE_VARIABLES.contains(expression)
                    || AGENT.equals(expression)
                    || "${reminderAt}".equals(expression)
                    || CONDITION.matcher(expression).matches())
                && text.strip().equals(expression)
                && expected.remove(expression);
        if (!allowed) {
          out.add("Expression non permise : « " + expression + " ».");
        }
      }
    }
    if (!out.isEmpty()) {
      return out;
    }
    List<Process> processes = model.getProcesses();
    if (processes.size() != 1) {
      out.add(
          "Le fichier doit contenir exactement un processus (il en contient "
              + processes.size()
              + ").");
      return out;
    }
    Process process = processes.get(0);
    if (!expectedKey.equals(process.getId())) {
      out.add(
          "L'identifiant du processus doit être « "
              + expectedKey
              + " » (trouvé : « "
              + process.getId()
              + " »).");
    }
    if (!process.isExecutable()) {
      out.add("Le processus doit être exécutable (isExecutable=\"true\").");
    }
    checkListeners(process.getExecutionListeners(), "processus", out);
    checkElements(process.getFlowElements(), steps, out);
    if (out.isEmpty()) {
      ProcessValidator validator = new ProcessValidatorFactory().createDefaultProcessValidator();
      for (ValidationError error : validator.validate(model)) {
        if (!error.isWarning()) {
          out.add(
              "Flowable : "
                  + error.getDefaultDescription()
                  + (error.getActivityId() == null
                      ? ""
                      : " (élément " + error.getActivityId() + ")"));
        }
      }
    }
    return out;
  }

  private static void checkElements(
      Collection<FlowElement> elements, Set<String> steps, List<String> out) {
    for (FlowElement e : elements) {
      String where = "élément « " + e.getId() + " »";
      checkListeners(e.getExecutionListeners(), where, out);
      if (e instanceof StartEvent start) {
        if (!start.getEventDefinitions().isEmpty()) {
          out.add(where + " : seul un début simple est permis.");
        }
      } else if (e instanceof EndEvent end) {
        if (!end.getEventDefinitions().isEmpty()) {
          out.add(where + " : seule une fin simple est permise.");
        }
      } else if (e instanceof UserTask task) {
        checkListeners(task.getTaskListeners(), where, out);
        for (String c : concat(task.getCandidateUsers(), task.getCandidateGroups())) {
          if (!CANDIDATE_VARIABLES.contains(c.strip()) && !NAMES.matcher(c.strip()).matches()) {
            out.add(where + " : candidat non permis « " + c + " ».");
          }
        }
        if (task.getAssignee() != null
            && !AGENT.equals(task.getAssignee().strip())
            && !NAMES.matcher(task.getAssignee()).matches()) {
          out.add(where + " : responsable non permis « " + task.getAssignee() + " ».");
        }
        if (task.getCandidateUsers().isEmpty()
            && task.getCandidateGroups().isEmpty()
            && task.getAssignee() == null) {
          out.add(where + " : la tâche doit désigner qui la traite (candidats ou responsable).");
        }
        if (task.getDueDate() != null || task.getSkipExpression() != null) {
          out.add(where + " : échéance et expression de saut non permises.");
        }
      } else if (e instanceof ServiceTask task) {
        boolean allowed =
            ImplementationType.IMPLEMENTATION_TYPE_EXPRESSION.equals(task.getImplementationType())
                && steps.contains(task.getImplementation())
                && task.getType() == null
                && task.getFieldExtensions().isEmpty();
        if (!allowed) {
          out.add(
              where
                  + " : une tâche automatique ne peut appeler que les étapes de la plateforme "
                  + steps
                  + ".");
        }
      } else if (e instanceof BoundaryEvent boundary) {
        List<EventDefinition> defs = boundary.getEventDefinitions();
        if (defs.size() != 1 || !(defs.get(0) instanceof TimerEventDefinition timer)) {
          out.add(where + " : seuls les événements minuteurs sont permis en bordure.");
        } else {
          String spec =
              timer.getTimeDate() != null
                  ? timer.getTimeDate()
                  : timer.getTimeDuration() != null ? timer.getTimeDuration() : null;
          if (spec == null || !TIMER.matcher(spec.strip()).matches()) {
            out.add(where + " : minuteur permis : ${reminderAt} ou une durée ISO 8601 (ex. P5D).");
          }
        }
      } else if (e instanceof SequenceFlow flow) {
        String c = flow.getConditionExpression();
        if (c != null && !c.isBlank() && !CONDITION.matcher(c.strip()).matches()) {
          out.add(
              "flux « "
                  + flow.getId()
                  + " » : condition non permise « "
                  + c.strip()
                  + " » (forme permise : ${variable == 'valeur'}).");
        }
      } else if (e instanceof org.flowable.bpmn.model.ReceiveTask receive) {
        // a wait state the platform triggers (e.g. the end of a signature): harmless
        checkListeners(receive.getExecutionListeners(), where, out);
      } else if (!(e instanceof ExclusiveGateway) && !(e instanceof ParallelGateway)) {
        out.add(where + " : type d'élément non permis (" + e.getClass().getSimpleName() + ").");
      }
    }
  }

  private static void checkListeners(
      List<FlowableListener> listeners, String where, List<String> out) {
    if (listeners != null && !listeners.isEmpty()) {
      out.add(where + " : les écouteurs (listeners) ne sont pas permis.");
    }
  }

  private static List<String> expectedExpressions(BpmnModel model) {
    List<String> expected = new ArrayList<>();
    for (Process process : model.getProcesses()) {
      for (FlowElement e : process.getFlowElements()) {
        if (e instanceof ServiceTask task && task.getImplementation() != null) {
          expected.add(task.getImplementation().strip());
        } else if (e instanceof UserTask task) {
          concat(task.getCandidateUsers(), task.getCandidateGroups())
              .forEach(c -> expected.add(c.strip()));
          if (task.getAssignee() != null) {
            expected.add(task.getAssignee().strip());
          }
        } else if (e instanceof BoundaryEvent boundary) {
          for (EventDefinition d : boundary.getEventDefinitions()) {
            if (d instanceof TimerEventDefinition timer) {
              if (timer.getTimeDate() != null) {
                expected.add(timer.getTimeDate().strip());
              }
              if (timer.getTimeDuration() != null) {
                expected.add(timer.getTimeDuration().strip());
              }
            }
          }
        } else if (e instanceof SequenceFlow flow && flow.getConditionExpression() != null) {
          expected.add(flow.getConditionExpression().strip());
        }
      }
    }
    return expected;
  }

  /** Every attribute value and text of the document, entities decoded, without reading DTDs. */
  private static List<String> decodedTexts(byte[] xml) {
    List<String> texts = new ArrayList<>();
    javax.xml.stream.XMLInputFactory factory = javax.xml.stream.XMLInputFactory.newFactory();
    factory.setProperty(javax.xml.stream.XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(javax.xml.stream.XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(javax.xml.stream.XMLInputFactory.IS_COALESCING, true);
    try {
      javax.xml.stream.XMLStreamReader r =
          factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      while (r.hasNext()) {
        int event = r.next();
        if (event == javax.xml.stream.XMLStreamConstants.START_ELEMENT) {
          for (int i = 0; i < r.getAttributeCount(); i++) {
            texts.add(r.getAttributeValue(i));
          }
        } else if (event == javax.xml.stream.XMLStreamConstants.CHARACTERS
            || event == javax.xml.stream.XMLStreamConstants.CDATA) {
          texts.add(r.getText());
        }
      }
    } catch (javax.xml.stream.XMLStreamException e) {
      throw new IllegalArgumentException("Fichier XML illisible : " + e.getMessage());
    }
    return texts;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
