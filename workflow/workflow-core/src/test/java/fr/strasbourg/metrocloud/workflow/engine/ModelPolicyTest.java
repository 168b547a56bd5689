package fr.strasbourg.metrocloud.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ModelPolicyTest {

  static String shipped() throws IOException {
    try (InputStream in =
        ModelPolicyTest.class.getResourceAsStream("/workflow/processes/leave-request.bpmn20.xml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static java.util.List<String> check(String xml) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    return ModelPolicy.violations(bytes, ModelPolicy.parse(bytes), "leaveRequest");
  }

  @Test
  void theSharedDefinitionIsValidBpmnAndWithinThePolicy() throws IOException {
    assertThat(check(shipped())).isEmpty();
  }

  @Test
  void aVariantWithAnExtraApprovalLevelIsAccepted() throws IOException {
    String variant =
        shipped()
            .replace(
                "<sequenceFlow id=\"noHr\" sourceRef=\"hrGateway\" targetRef=\"approve\"/>",
                "<sequenceFlow id=\"noHr\" sourceRef=\"hrGateway\" targetRef=\"dgsApproval\"/>"
                    + "<userTask id=\"dgsApproval\" name=\"Visa du DGS\" flowable:candidateUsers=\"dgs.geispolsheim\"/>"
                    + "<exclusiveGateway id=\"dgsGateway\" default=\"dgsRefused\"/>"
                    + "<sequenceFlow id=\"dgs1\" sourceRef=\"dgsApproval\" targetRef=\"dgsGateway\"/>"
                    + "<sequenceFlow id=\"dgsApproved\" sourceRef=\"dgsGateway\" targetRef=\"approve\">"
                    + "<conditionExpression xsi:type=\"tFormalExpression\">${dgsApprovalDecision == 'approve'}</conditionExpression></sequenceFlow>"
                    + "<sequenceFlow id=\"dgsRefused\" sourceRef=\"dgsGateway\" targetRef=\"refuse\"/>");
    assertThat(variant).contains("dgsApproval");
    assertThat(check(variant)).isEmpty();
  }

  @Test
  void codeInAVariantIsRefused() throws IOException {
    String script =
        shipped()
            .replace(
                "<endEvent id=\"escalated\" name=\"Escalade faite\"/>",
                "<scriptTask id=\"escalated\" scriptFormat=\"groovy\"><script>System.exit(0)</script></scriptTask>");
    assertThat(check(script)).anyMatch(v -> v.contains("type d'élément non permis"));

    String javaClass =
        shipped()
            .replace(
                "flowable:expression=\"${leaveProcess.approved(execution)}\"",
                "flowable:class=\"java.lang.Runtime\"");
    assertThat(check(javaClass)).anyMatch(v -> v.contains("ne peut appeler que"));

    String otherBean =
        shipped()
            .replace(
                "${leaveProcess.approved(execution)}",
                "${tasks.complete(null, 'x', 'approve', null)}");
    assertThat(check(otherBean)).anyMatch(v -> v.contains("Expression non permise"));
  }

  @Test
  void expressionsHiddenInNamesOrEntitiesAreRefused() throws IOException {
    String inName =
        shipped()
            .replace(
                "name=\"Validation RH\"",
                "name=\"${execution.getEngineServices().getRuntimeService()}\"");
    assertThat(check(inName)).anyMatch(v -> v.contains("Expression non permise"));
    String encoded =
        shipped()
            .replace("name=\"Validation RH\"", "name=\"&#36;{leaveProcess.approved(execution)}x\"");
    assertThat(check(encoded)).isNotEmpty();
    String condition = shipped().replace("${hrValidation}", "${hrValidation or true}");
    assertThat(check(condition)).anyMatch(v -> v.contains("Expression non permise"));
  }

  @Test
  void doctypesAndExternalEntitiesAreNotRead() throws IOException {
    String xxe =
        shipped()
            .replaceFirst(
                "<definitions",
                "<!DOCTYPE definitions [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><definitions")
            .replace("name=\"Validation RH\"", "name=\"&x;\"");
    byte[] bytes = xxe.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> ModelPolicy.violations(bytes, ModelPolicy.parse(bytes), "leaveRequest"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFileThatIsNotBpmnIsRefusedClearly() {
    assertThatThrownBy(() -> ModelPolicy.parse("<html><body>hello</body></html>".getBytes()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BPMN");
    String wrongKey = "<x/>";
    assertThatThrownBy(() -> ModelPolicy.parse(wrongKey.getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSharedMissionOrderDefinitionIsValidBpmnAndWithinThePolicy() throws IOException {
    try (InputStream in =
        ModelPolicyTest.class.getResourceAsStream("/workflow/processes/mission-order.bpmn20.xml")) {
      byte[] bytes = in.readAllBytes();
      assertThat(ModelPolicy.violations(bytes, ModelPolicy.parse(bytes), "missionOrder")).isEmpty();
      // the leave request's steps are not the mission order's
      assertThat(
              ModelPolicy.violations(
                  shipped().getBytes(StandardCharsets.UTF_8),
                  ModelPolicy.parse(shipped().getBytes(StandardCharsets.UTF_8)),
                  "missionOrder"))
          .isNotEmpty();
    }
  }
}
