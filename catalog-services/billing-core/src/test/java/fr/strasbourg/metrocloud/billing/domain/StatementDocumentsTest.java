package fr.strasbourg.metrocloud.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

class StatementDocumentsTest {

  static final Function<String, String> NAMES =
      Map.of(
              "e-signature", "Parapheur électronique",
              "document-management", "Gestion électronique des documents")
          ::get;

  static final BillingPeriod Q2 = Frequency.QUARTERLY.periodStarting(LocalDate.of(2026, 4, 1));
  static final LocalDate APR = LocalDate.of(2026, 4, 1);
  static final LocalDate JUL = LocalDate.of(2026, 7, 1);
  static final Instant COMPUTED = Instant.parse("2026-07-02T06:30:00Z");

  static StatementLine line(
      LineKind kind,
      String service,
      String metric,
      String label,
      LocalDate from,
      LocalDate to,
      String quantity,
      String free,
      String price,
      long cents) {
    return new StatementLine(
        kind,
        service,
        metric,
        label,
        from,
        to,
        new BigDecimal(quantity),
        new BigDecimal(free),
        new BigDecimal(price),
        cents,
        from);
  }

  static final List<StatementLine> LINES =
      List.of(
          line(
              LineKind.USAGE,
              "e-signature",
              "signatures",
              "Signatures électroniques",
              APR,
              JUL,
              "1250.000",
              "250",
              "0.35",
              35000),
          line(
              LineKind.BASE_FEE,
              "e-signature",
              "subscription.days",
              "Abonnement annuel",
              APR,
              JUL,
              "91",
              "0",
              "1200.00",
              29918),
          line(
              LineKind.USAGE,
              "document-management",
              "storage.gb-month",
              "Stockage \"GED\"; archives",
              APR,
              JUL,
              "12.500",
              "0",
              "0.1234",
              154),
          line(
              LineKind.ADJUSTMENT,
              "e-signature",
              "signatures",
              "régularisation 1er trimestre 2026",
              LocalDate.of(2026, 1, 1),
              APR,
              "-35",
              "0",
              "0.35",
              -1225));

  static Statement statement(
      StatementKind kind, String number, List<StatementLine> lines, Long previousYearCents) {
    long total = lines.stream().mapToLong(StatementLine::amountCents).sum();
    boolean issued = number != null;
    return new Statement(
        UUID.fromString("00000000-0000-0000-0000-000000000001"),
        "67218",
        "Illkirch-Graffenstaden",
        27183,
        kind,
        issued ? StatementStatus.ISSUED : StatementStatus.DRAFT,
        number,
        Q2,
        COMPUTED,
        lines,
        total,
        previousYearCents,
        kind == StatementKind.CREDIT
            ? UUID.fromString("00000000-0000-0000-0000-000000000002")
            : null,
        kind == StatementKind.CREDIT ? "EU-2026-67218-004" : null,
        kind == StatementKind.CREDIT ? "erreur de comptage des signatures" : null,
        COMPUTED,
        issued ? COMPUTED.plusSeconds(3600) : null,
        issued ? LocalDate.of(2026, 7, 2) : null,
        issued ? "dsi.facturation" : null,
        null);
  }

  static Statement issued() {
    return statement(StatementKind.REGULAR, "EU-2026-67218-004", LINES, 55000L);
  }

  static String text(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  static int pages(byte[] pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    }
  }

  @Test
  void csvHasTheHeaderOneQuotedRowPerLineAndTheTotal() {
    String csv = StatementDocuments.csv(issued(), NAMES);

    String head = "EU-2026-67218-004;Illkirch-Graffenstaden;67218;2026-04-01;2026-06-30;";
    assertThat(csv)
        .isEqualTo(
            "numero;commune;insee;periode_debut;periode_fin;type;service;libelle;metrique;du;au;"
                + "quantite;franchise;quantite_facturee;prix_unitaire;montant\r\n"
                + head
                + "USAGE;Parapheur électronique;Signatures électroniques;signatures;"
                + "2026-04-01;2026-06-30;1250;250;1000;0.35;350.00\r\n"
                + head
                + "BASE_FEE;Parapheur électronique;Abonnement annuel;subscription.days;"
                + "2026-04-01;2026-06-30;91;0;91;1200.00;299.18\r\n"
                + head
                + "USAGE;Gestion électronique des documents;\"Stockage \"\"GED\"\"; archives\";"
                + "storage.gb-month;2026-04-01;2026-06-30;12.5;0;12.5;0.1234;1.54\r\n"
                + head
                + "ADJUSTMENT;Parapheur électronique;régularisation 1er trimestre 2026;signatures;"
                + "2026-01-01;2026-03-31;-35;0;-35;0.35;-12.25\r\n"
                + head
                + "TOTAL;;;;;;;;;;638.47\r\n");
    assertThat(csv.getBytes(StandardCharsets.UTF_8)[0]).isEqualTo((byte) 'n'); // no BOM
  }

  @Test
  void csvTotalIsTheSumOfTheAmounts() {
    String[] rows = StatementDocuments.csv(issued(), NAMES).split("\r\n");
    BigDecimal sum = BigDecimal.ZERO;
    for (String row : Arrays.copyOfRange(rows, 1, rows.length - 1)) {
      sum = sum.add(new BigDecimal(row.substring(row.lastIndexOf(';') + 1)));
    }
    String total = rows[rows.length - 1];
    assertThat(total.split(";")[5]).isEqualTo("TOTAL");
    assertThat(new BigDecimal(total.substring(total.lastIndexOf(';') + 1))).isEqualTo(sum);
    assertThat(sum).isEqualByComparingTo("638.47");
  }

  @Test
  void csvOfADraftIsNumberedBrouillon() {
    String csv = StatementDocuments.csv(statement(StatementKind.REGULAR, null, LINES, null), NAMES);

    assertThat(csv.lines().skip(1)).hasSize(5).allMatch(row -> row.startsWith("BROUILLON;"));
  }

  @Test
  void pdfShowsTheCommuneThePeriodTheLinesByServiceAndTheComparison() throws IOException {
    String text = text(StatementDocuments.pdf(issued(), NAMES));

    assertThat(text)
        .contains("État d'utilisation des services mutualisés")
        .contains("Eurométropole de Strasbourg — Direction des systèmes d'information")
        .contains("Commune : Illkirch-Graffenstaden (INSEE 67218), 27 183 habitants")
        .contains("N° EU-2026-67218-004")
        .contains("Période : 2e trimestre 2026 (du 01/04/2026 au 30/06/2026)")
        .contains("Parapheur électronique")
        .contains("Gestion électronique des documents")
        .contains("Signatures électroniques\ndu 01/04 au 30/06")
        .contains("1 250", "0,35 €", "350,00 €")
        .contains("91 j / 365", "1 200,00 € /an", "299,18 €")
        .contains("Stockage \"GED\"; archives", "12,5", "0,1234 €", "1,54 €")
        .contains("régularisation 1er trimestre 2026\ndu 01/01 au 31/03", "-12,25 €")
        .contains("Total : 638,47 €")
        .contains("Même période l'année précédente : 550,00 € (évolution : +16,1 %)")
        .contains("CGCT art. L5211-4-1 et D5211-16")
        .contains("Émis le 02/07/2026")
        .doesNotContain("BROUILLON");
    // grouped: the adjustment is listed under its service, before the GED
    assertThat(text.indexOf("régularisation")).isLessThan(text.indexOf("Gestion électronique"));
  }

  @Test
  void pdfComparisonWithoutOrWithAZeroPreviousYear() throws IOException {
    assertThat(
            text(
                StatementDocuments.pdf(
                    statement(StatementKind.REGULAR, "EU-2026-67218-004", LINES, null), NAMES)))
        .contains("Pas d'état pour la même période l'année précédente.");
    assertThat(
            text(
                StatementDocuments.pdf(
                    statement(StatementKind.REGULAR, "EU-2026-67218-004", LINES, 0L), NAMES)))
        .contains("Même période l'année précédente : 0,00 € (évolution : n.s.)");
    assertThat(
            text(
                StatementDocuments.pdf(
                    statement(StatementKind.REGULAR, "EU-2026-67218-004", LINES, 70000L), NAMES)))
        .contains("(évolution : -8,8 %)");
  }

  @Test
  void draftSaysBrouillon() throws IOException {
    String text =
        text(StatementDocuments.pdf(statement(StatementKind.REGULAR, null, LINES, null), NAMES));

    assertThat(text)
        .contains("BROUILLON — document de travail, non émis")
        .doesNotContain("N° ")
        .doesNotContain("Émis le");
  }

  @Test
  void creditSaysAvoirAndItsReason() throws IOException {
    List<StatementLine> lines =
        List.of(
            line(
                LineKind.CREDIT,
                "e-signature",
                "signatures",
                "Avoir sur signatures électroniques",
                APR,
                JUL,
                "-100",
                "0",
                "0.35",
                -3500));
    String text =
        text(
            StatementDocuments.pdf(
                statement(StatementKind.CREDIT, "AV-2026-67218-001", lines, null), NAMES));

    assertThat(text)
        .contains("Avoir sur état d'utilisation")
        .contains("N° AV-2026-67218-001")
        .contains(
            "Avoir sur l'état n° EU-2026-67218-004 — motif : erreur de comptage des signatures")
        .contains("Total : -35,00 €");
  }

  @Test
  void longTablesGoOnNewPagesWithTheHeaderRepeated() throws IOException {
    List<StatementLine> lines = new ArrayList<>();
    for (int i = 1; i <= 80; i++) {
      lines.add(
          line(
              LineKind.USAGE,
              i <= 50 ? "e-signature" : "document-management",
              "signatures",
              String.format("Ligne %02d", i),
              APR,
              JUL,
              "10",
              "0",
              "0.35",
              350));
    }
    byte[] pdf =
        StatementDocuments.pdf(
            statement(StatementKind.REGULAR, "EU-2026-67218-004", lines, null), NAMES);
    String text = text(pdf);

    int pages = pages(pdf);
    assertThat(pages).isGreaterThan(1);
    for (int i = 1; i <= 80; i++) {
      assertThat(text).contains(String.format("Ligne %02d", i));
    }
    assertThat(text.split("Prix unitaire", -1)).hasSize(pages + 1);
    assertThat(text).contains("(suite)", "page 1/" + pages, "Total : 280,00 €");
  }

  @Test
  void longLabelsAndCharactersOutsideWinAnsiStayOnThePage() throws IOException {
    String label =
        "Très long libellé →\u202fsans\u00a0fin, œuvre — "
            + "x".repeat(120)
            + " "
            + "mot ".repeat(80);
    List<StatementLine> lines =
        List.of(
            line(LineKind.USAGE, "unknown-service", "units", label, APR, JUL, "1", "0", "1", 100));
    byte[] pdf =
        StatementDocuments.pdf(
            statement(StatementKind.REGULAR, "EU-2026-67218-004", lines, null), NAMES);

    List<TextPosition> positions = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> textPositions) {
              positions.addAll(textPositions);
            }
          };
      stripper.getText(doc);
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("Très long libellé ?", "œuvre", "unknown-service", "…");
    }
    assertThat(positions)
        .allSatisfy(
            p -> {
              assertThat(p.getXDirAdj()).isGreaterThanOrEqualTo(49f);
              assertThat(p.getXDirAdj() + p.getWidthDirAdj()).isLessThanOrEqualTo(546f);
            });
  }

  @Test
  void renderingIsByteIdenticalAndDatedFromTheComputation() throws Exception {
    byte[] first = StatementDocuments.pdf(issued(), NAMES);
    Thread.sleep(20);
    byte[] second = StatementDocuments.pdf(issued(), NAMES);

    assertThat(second).isEqualTo(first);
    assertThat(StatementDocuments.sha256(second)).isEqualTo(StatementDocuments.sha256(first));
    try (PDDocument doc = Loader.loadPDF(first)) {
      assertThat(doc.getDocumentInformation().getCreationDate().toInstant()).isEqualTo(COMPUTED);
      assertThat(doc.getDocumentInformation().getTitle())
          .isEqualTo("État d'utilisation des services mutualisés EU-2026-67218-004");
      assertThat(doc.getDocumentInformation().getAuthor()).isEqualTo("Eurométropole de Strasbourg");
    }
  }

  @Test
  void sha256IsLowercaseHex() {
    assertThat(StatementDocuments.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
