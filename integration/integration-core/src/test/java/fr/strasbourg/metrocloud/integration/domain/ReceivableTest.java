package fr.strasbourg.metrocloud.integration.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.integration.api.Receivables.Line;
import fr.strasbourg.metrocloud.integration.api.Receivables.Statement;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class ReceivableTest {

  /** The sample statement of docs/api.md: Schiltigheim, year 2026. */
  static Statement sample() {
    return new Statement(
        "2026-67447-001",
        LocalDate.of(2026, 1, 1),
        LocalDate.of(2026, 12, 31),
        LocalDate.of(2027, 1, 15),
        List.of(
            new Line("GED", "Go-mois", new BigDecimal("1450.5"), new BigDecimal("0.12"), 17406),
            new Line(
                "Parapheur", "signatures", new BigDecimal("3120"), new BigDecimal("0.35"), 109200),
            new Line(
                "Procédures RH",
                "agents-mois",
                new BigDecimal("4308"),
                new BigDecimal("1.1"),
                473880),
            new Line(
                "Archivage (SAE)",
                "Go-mois",
                new BigDecimal("210"),
                new BigDecimal("0.2075"),
                4358)),
        604844,
        552310L);
  }

  @Test
  void theRecordCarriesTheLinesTheTotalAndThePdfWithItsDigest() throws Exception {
    Receivable r = Receivable.of(sample(), "67447", "Schiltigheim");
    byte[] pdf = r.pdf();
    JsonObject record = r.record(pdf);
    assertThat(record.getString("format")).isEqualTo("metrocloud.titre-recette/1");
    assertThat(record.getJsonObject("debiteur").getString("insee")).isEqualTo("67447");
    assertThat(record.getJsonObject("imputation").getString("nature")).isEqualTo("70875");
    assertThat(record.getInt("exercice")).isEqualTo(2026);
    assertThat(record.getJsonNumber("montantCentimes").longValue()).isEqualTo(604844);
    assertThat(record.getString("montant")).isEqualTo("6048.44");
    assertThat(record.getJsonArray("lignes")).hasSize(4);
    JsonObject attached = record.getJsonObject("pieceJointe");
    byte[] decoded = Base64.getDecoder().decode(attached.getString("contenuBase64"));
    assertThat(decoded).isEqualTo(pdf);
    assertThat(attached.getString("sha256")).isEqualTo(Receivable.sha256(pdf));
    assertThat(r.idempotencyKey()).isEqualTo("receivable/2026-67447-001");

    String text;
    try (var doc = Loader.loadPDF(pdf)) {
      text = new PDFTextStripper().getText(doc);
    }
    assertThat(text)
        .contains("Titre de recette — Eurométropole de Strasbourg")
        .contains("Commune de Schiltigheim (code INSEE 67447)")
        .contains("Procédures RH")
        .contains("4 738,80 €")
        .contains("6 048,44 €")
        .contains("(+525,34 €)") // compared with last year
        .contains("D5211-16");
  }

  @Test
  void aStatementWhoseTotalIsNotTheSumOfItsLinesIsRefused() {
    Statement s = sample();
    Statement wrong =
        new Statement(
            s.number(), s.periodStart(), s.periodEnd(), s.issuedOn(), s.lines(), 604845, null);
    assertThatThrownBy(() -> Receivable.of(wrong, "67447", "Schiltigheim"))
        .hasMessageContaining("6 048,45 €")
        .hasMessageContaining("6 048,44 €");
    Statement negative =
        new Statement(
            "2026/x",
            s.periodEnd(),
            s.periodStart(),
            s.issuedOn(),
            List.of(new Line("GED", "Go-mois", BigDecimal.ONE, new BigDecimal("0.123456"), -5)),
            -5,
            null);
    assertThatThrownBy(() -> Receivable.of(negative, "67447", "Schiltigheim"))
        .hasMessageContaining("période invalide")
        .hasMessageContaining("prix unitaire invalide")
        .hasMessageContaining("total négatif ou nul");
  }

  @Test
  void aCreditReducesTheReceivableOfTheStatementItCorrects() throws Exception {
    Statement s = sample();
    Statement credit =
        new Statement(
            "AV-2027-67447-001",
            s.periodStart(),
            s.periodEnd(),
            LocalDate.of(2027, 2, 1),
            List.of(s.lines().get(0)),
            s.lines().get(0).amountCents(),
            null);
    Receivable r = Receivable.reduction(credit, "67447", "Schiltigheim", s.number());
    assertThat(r.idempotencyKey()).isEqualTo("reduction/AV-2027-67447-001");
    assertThat(r.flow()).isEqualTo("receivable.reduced");
    byte[] pdf = r.pdf();
    JsonObject record = r.record(pdf);
    assertThat(record.getString("type")).isEqualTo("reduction");
    assertThat(record.getString("etatReduit")).isEqualTo(s.number());
    assertThat(Receivable.of(s, "67447", "Schiltigheim").record(pdf).getString("type"))
        .isEqualTo("titre");
    try (var doc = Loader.loadPDF(pdf)) {
      assertThat(new PDFTextStripper().getText(doc))
          .contains("Réduction de titre de recette")
          .contains("Réduit le titre de l'état d'utilisation n° " + s.number())
          .contains("Total de la réduction");
    }
    assertThatThrownBy(() -> Receivable.reduction(credit, "67447", "Schiltigheim", " "))
        .hasMessageContaining("numéro de l'état réduit");
  }
}
