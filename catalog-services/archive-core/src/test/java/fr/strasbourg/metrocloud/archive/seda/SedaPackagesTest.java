package fr.strasbourg.metrocloud.archive.seda;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.archive.seda.SedaPackages.Accepted;
import fr.strasbourg.metrocloud.archive.seda.SedaPackages.Limits;
import fr.strasbourg.metrocloud.archive.seda.SedaPackages.Refused;
import fr.strasbourg.metrocloud.archive.seda.SedaPackages.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class SedaPackagesTest {

  private final SedaPackages packages = new SedaPackages();

  private static Map<String, byte[]> validEntries() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put(
        "manifest.xml",
        SedaMessages.archiveTransfer(SedaTestData.transfer("Délibérations 2024", null)));
    m.put("content/1.pdf", SedaTestData.PDF);
    m.put("content/2.odt", SedaTestData.ODT);
    return m;
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  private static String refusal(Result r) {
    assertThat(r).isInstanceOf(Refused.class);
    return String.join("\n", ((Refused) r).reasons());
  }

  @Test
  void valid_package_is_accepted_with_its_digests() throws IOException {
    Result r = packages.read(zip(validEntries()));

    assertThat(r).isInstanceOf(Accepted.class);
    var p = ((Accepted) r).transferPackage();
    assertThat(p.messageIdentifier()).isEqualTo("MSG-2025-0001");
    assertThat(p.archivalAgency()).isEqualTo("EMS-SAE");
    assertThat(p.transferringAgency()).isEqualTo("67447-ARCHIVES");
    assertThat(p.originatingAgency()).isEqualTo("67447-DGS");
    assertThat(p.title()).isEqualTo("Délibérations 2024");
    assertThat(p.startDate()).isEqualTo("2024-01-01");
    assertThat(p.endDate()).isEqualTo("2024-12-31");
    assertThat(p.appraisalRuleId()).isEqualTo("APP-10Y");
    assertThat(p.appraisalFinalAction()).isEqualTo("Keep");
    assertThat(p.accessRuleId()).isEqualTo("ACC-00001");
    assertThat(p.files()).hasSize(2);
    assertThat(p.files().get(0).uri()).isEqualTo("content/1.pdf");
    assertThat(p.files().get(0).sha256Hex()).isEqualTo(SedaTestData.hex(SedaTestData.PDF));
    assertThat(p.files().get(0).size()).isEqualTo(SedaTestData.PDF.length);
    assertThat(p.files().get(1).sha256Hex()).isEqualTo(SedaTestData.hex(SedaTestData.ODT));
    assertThat(p.files().get(1).content()).isEqualTo(SedaTestData.ODT);
  }

  @Test
  void wrong_digest_is_refused() throws IOException {
    Map<String, byte[]> m = validEntries();
    m.put("content/2.odt", "annexe: plan & budget <2026>".getBytes(StandardCharsets.UTF_8));

    assertThat(refusal(packages.read(zip(m))))
        .contains("empreinte SHA-256")
        .contains("content/2.odt");
  }

  @Test
  void wrong_size_is_refused() throws IOException {
    Map<String, byte[]> m = validEntries();
    m.put("content/1.pdf", "short".getBytes(StandardCharsets.UTF_8));

    assertThat(refusal(packages.read(zip(m)))).contains("taille du fichier « content/1.pdf »");
  }

  @Test
  void missing_file_is_refused() throws IOException {
    Map<String, byte[]> m = validEntries();
    m.remove("content/1.pdf");

    assertThat(refusal(packages.read(zip(m))))
        .contains("« content/1.pdf »")
        .contains("absent de l'archive");
  }

  @Test
  void extra_file_is_refused() throws IOException {
    Map<String, byte[]> m = validEntries();
    m.put("content/3.exe", new byte[] {1, 2, 3});

    assertThat(refusal(packages.read(zip(m))))
        .contains("« content/3.exe »")
        .contains("n'est pas déclaré");
  }

  @Test
  void missing_manifest_is_refused() throws IOException {
    Map<String, byte[]> m = validEntries();
    m.remove("manifest.xml");

    assertThat(refusal(packages.read(zip(m)))).contains("manifest.xml").contains("absent");
  }

  @Test
  void path_traversal_and_absolute_paths_are_refused() throws IOException {
    for (String evil :
        new String[] {
          "../../etc/passwd", "content/../../x", "/etc/passwd", "C:/Windows/x", "a\\..\\b"
        }) {
      Map<String, byte[]> m = validEntries();
      m.put(evil, new byte[] {1});

      assertThat(refusal(packages.read(zip(m)))).as(evil).contains("Chemin interdit");
    }
  }

  @Test
  void not_a_zip_is_refused() {
    assertThat(refusal(packages.read("<ArchiveTransfer/>".getBytes(StandardCharsets.UTF_8))))
        .contains("n'est pas une archive ZIP");
    assertThat(refusal(packages.read(new java.io.ByteArrayInputStream(new byte[] {1, 2, 3}))))
        .contains("archive ZIP");
  }

  @Test
  void invalid_manifest_is_refused_with_the_violations() throws IOException {
    Map<String, byte[]> m = validEntries();
    String manifest =
        new String(m.get("manifest.xml"), StandardCharsets.UTF_8)
            .replaceAll("<MessageIdentifier>[^<]*</MessageIdentifier>", "");
    m.put("manifest.xml", manifest.getBytes(StandardCharsets.UTF_8));

    assertThat(refusal(packages.read(zip(m))))
        .contains("pas conforme au SEDA 2.2")
        .contains("MessageIdentifier");
  }

  @Test
  void manifest_with_doctype_is_refused() throws IOException {
    Map<String, byte[]> m = validEntries();
    String manifest =
        new String(m.get("manifest.xml"), StandardCharsets.UTF_8)
            .replaceFirst("\\?>", "?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>");
    m.put("manifest.xml", manifest.getBytes(StandardCharsets.UTF_8));

    assertThat(refusal(packages.read(zip(m)))).containsIgnoringCase("DOCTYPE");
  }

  @Test
  void too_many_entries_is_refused() throws IOException {
    Map<String, byte[]> m = validEntries();
    for (int i = 0; i < 10; i++) {
      m.put("content/extra" + i, new byte[] {1});
    }

    assertThat(refusal(new SedaPackages(new Limits(1_000_000, 5)).read(zip(m))))
        .contains("trop de fichiers");
  }

  @Test
  void zip_bomb_is_refused_on_the_bytes_actually_decompressed() throws IOException {
    Map<String, byte[]> m = validEntries();
    m.put("content/bomb", new byte[5_000_000]); // compresses to a few KiB

    byte[] zip = zip(m);
    assertThat(zip.length).isLessThan(100_000);
    assertThat(refusal(new SedaPackages(new Limits(1_000_000, 100)).read(zip)))
        .contains("taille maximale");
  }
}
