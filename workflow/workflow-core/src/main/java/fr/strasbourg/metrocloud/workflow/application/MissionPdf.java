package fr.strasbourg.metrocloud.workflow.application;

import fr.strasbourg.metrocloud.workflow.application.MissionOrders.MissionOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The mission order as a one-page A4 PDF in French, to be signed in the parapheur (the signature
 * stamp goes at the bottom of the page, left free).
 */
final class MissionPdf {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH);

  private MissionPdf() {}

  static byte[] render(String communeName, MissionOrder m) {
    PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle("Ordre de mission — " + m.agentName());
      info.setAuthor(communeName);
      info.setCreator("MetroCloud");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"Agent", m.agentName() + " (" + m.agentUsername() + ")"});
      rows.add(new String[] {"Objet de la mission", m.purpose()});
      rows.add(
          new String[] {
            "Destination",
            m.destination()
                + (m.paris() ? " (Paris)" : "")
                + " — "
                + m.destinationPopulation()
                + " hab."
          });
      rows.add(new String[] {"Départ", WHEN.format(m.departure())});
      rows.add(new String[] {"Retour", WHEN.format(m.returnAt())});
      rows.add(new String[] {"Moyen de transport", transport(m)});
      rows.add(new String[] {"Repas", m.meals() + " × indemnité = " + euros(m.mealsAmount())});
      rows.add(new String[] {"Nuitées", m.nights() + " × indemnité = " + euros(m.nightsAmount())});
      rows.add(new String[] {"Transport", euros(m.transportAmount())});
      rows.add(new String[] {"Coût estimé", euros(m.estimatedTotal())});
      rows.add(
          new String[] {
            "Imputation",
            m.budgetLine()
                + " ("
                + m.budgetYear()
                + ")"
                + (m.commitmentRef() == null ? "" : " — engagement " + m.commitmentRef())
          });
      rows.add(new String[] {"Référence", m.id().toString()});
      try (PDPageContentStream c = new PDPageContentStream(doc, page)) {
        float y = 780;
        text(c, bold, 11, 56, y, safe(communeName));
        y -= 40;
        text(c, bold, 20, 56, y, "Ordre de mission");
        y -= 18;
        text(
            c,
            regular,
            10,
            56,
            y,
            safe("Décret n° 2006-781 du 3 juillet 2006 — frais de déplacement des agents publics"));
        y -= 36;
        for (String[] row : rows) {
          text(c, bold, 10, 56, y, safe(row[0]));
          for (String line : wrap(safe(row[1]), 70)) {
            text(c, regular, 10, 200, y, line);
            y -= 15;
          }
          y -= 6;
        }
        y -= 10;
        text(
            c,
            regular,
            10,
            56,
            y,
            safe("L'agent est autorisé à effectuer la mission ci-dessus, dont les frais seront"));
        y -= 14;
        text(
            c,
            regular,
            10,
            56,
            y,
            safe(
                "remboursés sur présentation des justificatifs, dans la limite des taux en vigueur."));
      }
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void text(
      PDPageContentStream c, PDType1Font font, float size, float x, float y, String s)
      throws IOException {
    c.beginText();
    c.setFont(font, size);
    c.newLineAtOffset(x, y);
    c.showText(s);
    c.endText();
  }

  private static List<String> wrap(String s, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : s.split(" ")) {
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

  /** Keeps what the standard PDF font can show (Windows-1252), replaces the rest. */
  static String safe(String s) {
    StringBuilder out = new StringBuilder();
    java.nio.charset.CharsetEncoder cp1252 =
        java.nio.charset.Charset.forName("windows-1252").newEncoder();
    for (char ch : s.toCharArray()) {
      out.append(ch >= 32 && cp1252.canEncode(ch) ? ch : (Character.isWhitespace(ch) ? ' ' : '?'));
    }
    return out.toString();
  }

  private static String euros(java.math.BigDecimal amount) {
    return String.format(Locale.FRENCH, "%,.2f €", amount)
        .replace('\u202f', ' ')
        .replace('\u00a0', ' ');
  }

  private static String transport(MissionOrder m) {
    return switch (m.transport()) {
      case "TRAIN" -> "Train (" + euros(m.fare()) + " estimés)";
      case "PUBLIC_TRANSPORT" -> "Transports en commun (" + euros(m.fare()) + " estimés)";
      case "PERSONAL_CAR" ->
          "Véhicule personnel, " + m.horsepower() + " CV fiscaux, " + m.distanceKm() + " km";
      default -> "Véhicule de service";
    };
  }
}
