package fr.strasbourg.metrocloud.archive.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class DestructionCertificateTest {

  @Test
  void listsEveryUnitWithItsFingerprintsOnAsManyPagesAsNeeded() throws Exception {
    List<DestructionCertificate.Line> lines = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      lines.add(
          new DestructionCertificate.Line(
              "67268-2026-UNIT" + i,
              "Facture n° " + i + " — fournisseur « Œuvre & Cie »",
              "FACTURES",
              LocalDate.of(2020, 1, 1),
              1000L * i,
              List.of("a".repeat(63) + (i % 10) + "  facture-" + i + ".pdf")));
    }
    Instant t = Instant.parse("2026-12-02T10:00:00Z");
    byte[] pdf =
        DestructionCertificate.render(
            new DestructionCertificate.Content(
                UUID.randomUUID(),
                "Hœnheim",
                "Alice Admin",
                t,
                "Alice Admin",
                t,
                "Armand Archiviste 😀",
                t.plusSeconds(60),
                t.plusSeconds(61),
                "Élimination annuelle",
                lines));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      assertThat(doc.getNumberOfPages()).isGreaterThan(1);
      String text = new PDFTextStripper().getText(doc);
      assertThat(text)
          .contains(
              "Certificat d'élimination d'archives",
              "Hœnheim",
              "67268-2026-UNIT1 ",
              "67268-2026-UNIT60",
              "Œuvre & Cie",
              "2 décembre 2026",
              "Armand Archiviste ?")
          .contains("a".repeat(63) + "7  facture-57.pdf");
    }
  }

  @Test
  void wrapsLongWordsAndKeepsOnlyWhatTheStandardFontsShow() {
    assertThat(DestructionCertificate.wrap("x".repeat(250), 100)).hasSize(3);
    assertThat(DestructionCertificate.safe("ligne\tun 🏛 €")).isEqualTo("ligne un ? €");
    assertThat(DestructionCertificate.safe(null)).isEqualTo("—");
  }

  @Test
  void sedaDatesMayBeAYearAMonthOrADay() {
    assertThat(Archive.sedaDate("2024")).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(Archive.sedaDate("2024-03")).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(Archive.sedaDate("2024-03-15T10:00:00")).isEqualTo(LocalDate.of(2024, 3, 15));
    assertThat(Archive.sedaDate("hier")).isNull();
    assertThat(Archive.sedaDate(" ")).isNull();
  }
}
