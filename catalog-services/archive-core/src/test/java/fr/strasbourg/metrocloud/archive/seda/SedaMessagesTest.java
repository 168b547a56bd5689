package fr.strasbourg.metrocloud.archive.seda;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.archive.seda.SedaMessages.Reason;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages.ReplyHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

class SedaMessagesTest {

  private final SedaSchemas schemas = SedaSchemas.seda22();

  private static ReplyHeader header() {
    return new ReplyHeader(
        "REP-2025-0001",
        SedaTestData.NOW,
        null,
        "MSG-2025-0001",
        "AGR-EMS-2025",
        "EMS-SAE",
        "67447-ARCHIVES");
  }

  @Test
  void archive_transfer_with_two_files_keywords_and_rules_validates() {
    byte[] xml =
        SedaMessages.archiveTransfer(
            SedaTestData.transfer("Délibérations 2024", "Versement annuel"));

    assertThat(schemas.violations(xml)).isEmpty();
    String s = new String(xml, StandardCharsets.UTF_8);
    assertThat(s)
        .contains("xmlns=\"" + SedaSchemas.NAMESPACE + "\"")
        .contains("<MessageDigest algorithm=\"SHA-256\">" + SedaTestData.hex(SedaTestData.PDF))
        .contains("<DataObjectReferenceId>BDO2</DataObjectReferenceId>")
        .contains("<FinalAction>Keep</FinalAction>")
        .contains("<KeywordContent>délibération</KeywordContent>");
  }

  @Test
  void accepted_and_rejected_replies_validate() {
    byte[] ok =
        SedaMessages.acceptedReply(header(), SedaTestData.NOW, "AU1", "EMS-SAE-2025-000042");
    byte[] ko =
        SedaMessages.rejectedReply(
            header(),
            List.of(
                new Reason(
                    "CHECK_DIGEST.KO",
                    "L'empreinte du fichier « content/1.pdf » ne correspond pas."),
                new Reason("CHECK_MANIFEST.KO", "Le bordereau n'est pas conforme <SEDA> & co.")));

    assertThat(schemas.violations(ok)).isEmpty();
    assertThat(schemas.violations(ko)).isEmpty();
    assertThat(new String(ok, StandardCharsets.UTF_8))
        .contains("<ReplyCode>OK</ReplyCode>")
        .contains("<ArchivalAgencyArchiveUnitIdentifier>EMS-SAE-2025-000042<");
    assertThat(new String(ko, StandardCharsets.UTF_8))
        .contains("<ReplyCode>KO</ReplyCode>")
        .contains("<OutcomeDetail>CHECK_DIGEST.KO</OutcomeDetail>");
  }

  @Test
  void message_without_a_required_element_does_not_validate_and_names_it() throws Exception {
    byte[] xml = SedaMessages.archiveTransfer(SedaTestData.transfer("Titre", null));
    Document doc = parse(xml);
    Node required = doc.getElementsByTagNameNS(SedaSchemas.NAMESPACE, "ArchivalAgency").item(0);
    required.getParentNode().removeChild(required);

    List<String> violations = schemas.violations(serialize(doc));

    assertThat(violations).isNotEmpty();
    assertThat(String.join("\n", violations)).contains("ArchivalAgency");
    assertThat(violations.get(0)).matches("\\d+:\\d+: .*");
  }

  @Test
  void schema_valid_messages_are_not_confused_with_wrong_content() {
    String xml =
        new String(
                SedaMessages.archiveTransfer(SedaTestData.transfer("Titre", null)),
                StandardCharsets.UTF_8)
            .replace("<FinalAction>Keep</FinalAction>", "<FinalAction>Burn</FinalAction>");

    assertThat(schemas.violations(xml.getBytes(StandardCharsets.UTF_8)))
        .anySatisfy(v -> assertThat(v).contains("Burn"));
  }

  @Test
  void doctype_and_external_entity_are_refused_without_reading_the_entity(@TempDir Path dir)
      throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-7f3a9c");
    String valid =
        new String(
            SedaMessages.archiveTransfer(SedaTestData.transfer("Titre", "placeholder")),
            StandardCharsets.UTF_8);
    String hostile =
        valid
            .replaceFirst(
                "\\?>",
                "?>\n<!DOCTYPE ArchiveTransfer [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>")
            .replace("placeholder", "&xxe;");

    List<String> violations = schemas.violations(hostile.getBytes(StandardCharsets.UTF_8));

    assertThat(violations).isNotEmpty();
    assertThat(String.join("\n", violations))
        .containsIgnoringCase("DOCTYPE")
        .doesNotContain("TOP-SECRET");
  }

  @Test
  void text_with_markup_characters_quotes_and_accents_round_trips() throws Exception {
    String title = "Procès-verbal <n°3> & \"annexes\" 'été' — Ville d'Illkirch-Graffenstaden ✓";
    String comment = "a < b && c > d ]]> fin";
    byte[] xml = SedaMessages.archiveTransfer(SedaTestData.transfer(title, comment));

    assertThat(schemas.violations(xml)).isEmpty();
    Document doc = parse(xml);
    assertThat(doc.getElementsByTagNameNS(SedaSchemas.NAMESPACE, "Title").item(0).getTextContent())
        .isEqualTo(title);
    assertThat(
            doc.getElementsByTagNameNS(SedaSchemas.NAMESPACE, "Comment").item(0).getTextContent())
        .isEqualTo(comment);
  }

  static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  static byte[] serialize(Document doc) throws Exception {
    TransformerFactory tf = TransformerFactory.newInstance();
    tf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tf.newTransformer().transform(new DOMSource(doc), new StreamResult(out));
    return out.toByteArray();
  }
}
