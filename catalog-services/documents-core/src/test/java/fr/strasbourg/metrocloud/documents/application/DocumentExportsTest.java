package fr.strasbourg.metrocloud.documents.application;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.documents.domain.Folder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DocumentExportsTest {

  @Test
  void cellsAreQuotedAndFormulasNeutralised() {
    assertThat(DocumentExports.cell("Délibération \"A\"")).isEqualTo("\"Délibération \"\"A\"\"\"");
    assertThat(DocumentExports.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
    assertThat(DocumentExports.cell("+33 3 88")).isEqualTo("\"'+33 3 88\"");
    assertThat(DocumentExports.cell("-1")).isEqualTo("\"'-1\"");
    assertThat(DocumentExports.cell("@cmd")).isEqualTo("\"'@cmd\"");
    assertThat(DocumentExports.cell(null)).isEmpty();
    assertThat(DocumentExports.cell("")).isEqualTo("\"\"");
  }

  @Test
  void folderPathsNameEveryAncestor() {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    Folder root = Folder.create("67482", null, "Urbanisme", "agent", now);
    Folder child = Folder.create("67482", root.id(), "Permis", "agent", now);
    Folder grandChild = Folder.create("67482", child.id(), "2026", "agent", now);
    Folder orphan = Folder.create("67482", UUID.randomUUID(), "Perdu", "agent", now);
    Map<UUID, String> paths = DocumentExports.folderPaths(List.of(grandChild, root, orphan, child));
    assertThat(paths)
        .containsEntry(root.id(), "Urbanisme")
        .containsEntry(child.id(), "Urbanisme / Permis")
        .containsEntry(grandChild.id(), "Urbanisme / Permis / 2026")
        .containsEntry(orphan.id(), "Perdu");
  }
}
