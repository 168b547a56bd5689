package fr.strasbourg.metrocloud.documents.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FileNamesAndTagsTest {

  @Test
  void acceptableNames() {
    assertThat(FileNames.problemWith("Délibération 2026-045.pdf")).isNull();
    assertThat(FileNames.titleOf("Délibération 2026-045.pdf")).isEqualTo("Délibération 2026-045");
    assertThat(FileNames.normalize("  e\u0301te\u0301.txt ")).isEqualTo("été.txt");
  }

  @Test
  void hostileNamesAreRefusedNotCut() {
    assertThat(FileNames.problemWith("../../etc/passwd")).contains("séparateur");
    assertThat(FileNames.problemWith("dossier\\fichier.pdf")).contains("séparateur");
    assertThat(FileNames.problemWith("rapport\u0000.pdf")).contains("contrôle");
    assertThat(FileNames.problemWith("rapport\n.pdf")).contains("contrôle");
    assertThat(FileNames.problemWith("a".repeat(500) + ".pdf")).contains("255");
    assertThat(FileNames.problemWith("  ")).contains("vide");
    assertThat(FileNames.problemWith("..")).isNotNull();
  }

  @Test
  void tagsAreNormalizedAndBounded() {
    assertThat(Tags.normalize(List.of(" Budget ", "budget", "Conseil municipal", "arrêté")))
        .containsExactly("budget", "conseil municipal", "arrêté");
    assertThatThrownBy(() -> Tags.normalize(List.of("<script>"))).hasMessageContaining("invalide");
    assertThatThrownBy(() -> Tags.normalize(List.of("a".repeat(41))))
        .hasMessageContaining("invalide");
    assertThatThrownBy(
            () ->
                Tags.normalize(
                    java.util.stream.IntStream.range(0, 21).mapToObj(i -> "t" + i).toList()))
        .hasMessageContaining("20");
  }
}
