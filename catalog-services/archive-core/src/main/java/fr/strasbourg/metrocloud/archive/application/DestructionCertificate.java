package fr.strasbourg.metrocloud.archive.application;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The destruction certificate (certificat d'élimination) of a disposal, in French, A4, as many
 * pages as the units need: who proposed and approved, when, and for each destroyed unit its
 * reference, title, rule, end of retention, volume and the SHA-256 of its files.
 */
public final class DestructionCertificate {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH)
          .withZone(ArchiveJournal.PARIS);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

  private DestructionCertificate() {}

  /** One destroyed unit as the certificate lists it. */
  public record Line(
      String reference,
      String title,
      String ruleCode,
      LocalDate retentionEnd,
      long bytes,
      List<String> fileFingerprints) {}

  /** What the certificate says. */
  public record Content(
      UUID disposalId,
      String commune,
      String proposedBy,
      Instant proposedAt,
      String communeApprovedBy,
      Instant communeApprovedAt,
      String authorityApprovedBy,
      Instant authorityApprovedAt,
      Instant destroyedAt,
      String comment,
      List<Line> lines) {}

  public static byte[] render(Content c) {
    PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("Certificat d'élimination — " + c.commune());
      info.setAuthor(c.commune());
      info.setCreator("MetroCloud — archivage électronique mutualisé");
      Writer w = new Writer(doc, bold, regular, mono);
      w.line(bold, 11, safe(c.commune()));
      w.skip(18);
      w.line(bold, 18, "Certificat d'élimination d'archives");
      w.line(
          regular,
          9,
          safe("Code du patrimoine, art. L212-2 et L212-3 — visa de l'autorité d'archives"));
      w.skip(12);
      w.pair("Référence", c.disposalId().toString());
      w.pair("Proposée par", safe(c.proposedBy()) + ", le " + WHEN.format(c.proposedAt()));
      w.pair(
          "Approuvée (commune)",
          safe(c.communeApprovedBy()) + ", le " + WHEN.format(c.communeApprovedAt()));
      w.pair(
          "Visa (autorité d'archives)",
          safe(c.authorityApprovedBy()) + ", le " + WHEN.format(c.authorityApprovedAt()));
      w.pair("Éliminée le", WHEN.format(c.destroyedAt()));
      if (c.comment() != null) {
        w.pair("Observations", safe(c.comment()));
      }
      long total = c.lines().stream().mapToLong(Line::bytes).sum();
      w.pair("Unités éliminées", c.lines().size() + " (" + total + " octets)");
      w.skip(10);
      for (Line l : c.lines()) {
        w.line(bold, 10, safe(l.reference() + " — " + l.title()));
        w.line(
            regular,
            9,
            safe(
                "Règle "
                    + l.ruleCode()
                    + ", durée d'utilité administrative échue le "
                    + DAY.format(l.retentionEnd())
                    + ", "
                    + l.bytes()
                    + " octets"));
        for (String f : l.fileFingerprints()) {
          w.line(mono, 7, safe(f));
        }
        w.skip(4);
      }
      w.skip(10);
      w.line(
          regular,
          9,
          "Les fichiers ci-dessus ont été supprimés du stockage ; les métadonnées sont réduites à");
      w.line(
          regular,
          9,
          "la présente trace, inscrite au journal d'archivage chaîné et scellé de la commune.");
      w.close();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes lines top-down, opening a new page when one is full. */
  private static final class Writer {
    private final PDDocument doc;
    private final PDType1Font bold;
    private final PDType1Font regular;
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument doc, PDType1Font bold, PDType1Font regular, PDType1Font mono)
        throws IOException {
      this.doc = doc;
      this.bold = bold;
      this.regular = regular;
      newPage();
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      stream = new PDPageContentStream(doc, page);
      y = 790;
    }

    void skip(float points) {
      y -= points;
    }

    void line(PDType1Font font, float size, String text) throws IOException {
      for (String part : wrap(text, size >= 10 ? 90 : 110)) {
        if (y < 60) {
          newPage();
        }
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(56, y);
        stream.showText(part);
        stream.endText();
        y -= size + 5;
      }
    }

    void pair(String label, String value) throws IOException {
      List<String> lines = wrap(value, 62);
      for (int i = 0; i < lines.size(); i++) {
        if (y < 60) {
          newPage();
        }
        if (i == 0) {
          stream.beginText();
          stream.setFont(bold, 10);
          stream.newLineAtOffset(56, y);
          stream.showText(safe(label));
          stream.endText();
        }
        stream.beginText();
        stream.setFont(regular, 10);
        stream.newLineAtOffset(210, y);
        stream.showText(lines.get(i));
        stream.endText();
        y -= 15;
      }
    }

    void close() throws IOException {
      stream.close();
    }
  }

  static List<String> wrap(String s, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : s.split(" ")) {
      while (word.length() > width) {
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, width));
        word = word.substring(width);
      }
      if (line.length() + word.length() + 1 > width && line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  /** Keeps what the standard PDF fonts can show (Windows-1252), replaces the rest. */
  static String safe(String s) {
    if (s == null) {
      return "—";
    }
    StringBuilder out = new StringBuilder();
    CharsetEncoder cp1252 = Charset.forName("windows-1252").newEncoder();
    s.codePoints()
        .forEach(
            cp -> {
              if (cp >= 32 && Character.isBmpCodePoint(cp) && cp1252.canEncode((char) cp)) {
                out.append((char) cp);
              } else {
                out.append(Character.isWhitespace(cp) ? ' ' : '?');
              }
            });
    return out.toString();
  }
}
