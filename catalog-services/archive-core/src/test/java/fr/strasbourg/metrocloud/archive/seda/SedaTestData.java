package fr.strasbourg.metrocloud.archive.seda;

import fr.strasbourg.metrocloud.archive.seda.SedaMessages.AccessRule;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages.AppraisalRule;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages.BinaryFile;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages.DescriptionLevel;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages.FinalAction;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages.Transfer;
import fr.strasbourg.metrocloud.archive.seda.SedaMessages.Unit;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

final class SedaTestData {
  static final byte[] PDF = "%PDF-1.7 délibération n°2024-12".getBytes(StandardCharsets.UTF_8);
  static final byte[] ODT = "annexe: plan & budget <2025>".getBytes(StandardCharsets.UTF_8);
  static final OffsetDateTime NOW =
      OffsetDateTime.of(2025, 3, 14, 10, 30, 0, 0, ZoneOffset.ofHours(1));

  private SedaTestData() {}

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(SedaPackages.sha256(b));
  }

  static Transfer transfer(String title, String comment) {
    return transfer(title, comment, hex(PDF), hex(ODT));
  }

  static Transfer transfer(String title, String comment, String pdfDigest, String odtDigest) {
    Unit unit =
        new Unit(
            "AU1",
            title,
            DescriptionLevel.FILE,
            "Délibérations du conseil municipal de Schiltigheim",
            LocalDate.of(2024, 1, 1),
            LocalDate.of(2024, 12, 31),
            List.of("conseil municipal", "délibération"),
            new AppraisalRule("APP-10Y", LocalDate.of(2025, 1, 1), FinalAction.KEEP),
            new AccessRule("ACC-00001", LocalDate.of(2024, 12, 31)));
    return new Transfer(
        "MSG-2025-0001",
        NOW,
        comment,
        "AGR-EMS-2025",
        "EMS-SAE",
        "67447-ARCHIVES",
        "67447-DGS",
        unit,
        List.of(
            new BinaryFile(
                "BDO1",
                "deliberation.pdf",
                "application/pdf",
                PDF.length,
                pdfDigest,
                "content/1.pdf"),
            new BinaryFile(
                "BDO2",
                "annexe.odt",
                "application/vnd.oasis.opendocument.text",
                ODT.length,
                odtDigest,
                "content/2.odt")));
  }
}
