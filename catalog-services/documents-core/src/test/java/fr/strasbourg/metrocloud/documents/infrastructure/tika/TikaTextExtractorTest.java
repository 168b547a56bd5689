package fr.strasbourg.metrocloud.documents.infrastructure.tika;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.documents.application.TextExtractor;
import fr.strasbourg.metrocloud.testkit.SampleFiles;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TikaTextExtractorTest {

  private final TikaTextExtractor tika = new TikaTextExtractor();

  private TextExtractor.Extraction extract(byte[] content, int maxChars) throws Exception {
    return tika.extract(new ByteArrayInputStream(content), maxChars, 2);
  }

  @Test
  void extractsFrenchTextFromAPdf() throws Exception {
    byte[] pdf =
        SampleFiles.pdf(
            "Délibération n° 2026-045 du conseil municipal",
            "Objet : budget primitif de l'exercice.");
    TextExtractor.Extraction x = extract(pdf, 10_000);
    assertThat(x.mimeType()).isEqualTo("application/pdf");
    assertThat(x.text()).contains("Délibération n° 2026-045", "budget primitif");
    assertThat(x.truncated()).isFalse();
  }

  @Test
  void extractsTextFromADocxRecognizedFromTheWholeContainer() throws Exception {
    byte[] docx =
        SampleFiles.docx(
            "Convention de mutualisation entre l'Eurométropole et la commune",
            "Article 2 : durée.");
    assertThat(tika.detect(Arrays.copyOf(docx, 64)))
        .isIn("application/zip", "application/x-tika-ooxml");
    TextExtractor.Extraction x = extract(docx, 10_000);
    assertThat(x.mimeType())
        .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(x.text()).contains("Convention de mutualisation", "Article 2");
  }

  @Test
  void detectsFromContentNotFromNames() {
    assertThat(tika.detect(SampleFiles.pdf("x"))).isEqualTo("application/pdf");
    assertThat(tika.detect("Bonjour, ceci est un texte.".getBytes())).isEqualTo("text/plain");
    assertThat(tika.detect(new byte[] {0, 1, 2, 3, (byte) 0xff}))
        .isEqualTo("application/octet-stream");
  }

  @Test
  void cutsTheTextAtTheLimitAndSaysSo() throws Exception {
    String[] lines = new String[60];
    Arrays.fill(lines, "Procès-verbal de la séance du conseil municipal, ligne de texte répétée.");
    TextExtractor.Extraction x = extract(SampleFiles.pdf(lines), 500);
    assertThat(x.truncated()).isTrue();
    assertThat(x.text().length()).isLessThanOrEqualTo(500);
  }

  @Test
  void anEncryptedPdfIsReportedAsSuch() {
    assertThatThrownBy(() -> extract(SampleFiles.encryptedPdf("secret", "Confidentiel"), 10_000))
        .isInstanceOf(TextExtractor.ExtractionException.class)
        .hasMessageContaining("chiffré");
  }

  @Test
  void corruptFilesFailWithAReason() {
    assertThatThrownBy(() -> extract(SampleFiles.corruptPdf(), 10_000))
        .isInstanceOf(TextExtractor.ExtractionException.class)
        .hasMessageContaining("corrompu");
    assertThatThrownBy(() -> extract(SampleFiles.corruptDocx(), 10_000))
        .isInstanceOf(TextExtractor.ExtractionException.class);
  }

  @Test
  void aDecompressionBombIsStoppedEarly() throws Exception {
    byte[] bomb = SampleFiles.docxBomb(200);
    assertThat(bomb.length).isLessThan(2_000_000);
    long start = System.nanoTime();
    try {
      TextExtractor.Extraction x = extract(bomb, 500_000);
      // if the parser did not refuse it, the character limit bounded it
      assertThat(x.text().length()).isLessThanOrEqualTo(500_000);
      assertThat(x.truncated()).isTrue();
    } catch (TextExtractor.ExtractionException e) {
      assertThat(e.getMessage()).containsAnyOf("bombe", "corrompu", "pathologique");
    }
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(30_000);
  }

  @Test
  void controlCharactersAreRemoved() {
    assertThat(TikaTextExtractor.clean("a\u0000b\u0001c\u0002d\ne")).isEqualTo("a b c d\ne");
  }
}
