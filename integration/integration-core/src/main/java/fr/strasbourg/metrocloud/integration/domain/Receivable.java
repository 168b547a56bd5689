package fr.strasbourg.metrocloud.integration.domain;

import fr.strasbourg.metrocloud.integration.api.Receivables.Line;
import fr.strasbourg.metrocloud.integration.api.Receivables.Statement;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A receivable (titre de recette) of the Eurométropole on a member commune for the cost recovery of
 * shared services (CGCT L5211-4-1, D5211-16): checked from the statement, rendered as a French PDF,
 * and as the exchange record {@code metrocloud.titre-recette/1} (JSON, documented in docs/api.md)
 * with the PDF attached.
 */
public final class Receivable {

  /** Nature of the revenue in the M57 chart: reimbursement by the member communes. */
  public static final String NATURE = "70875";

  public static final String ISSUER = "Eurométropole de Strasbourg";
  public static final String ISSUER_SIREN = "246700488";

  private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
  private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final Statement statement;
  private final String insee;
  private final String communeName;

  /** For a reduction: the number of the statement whose receivable it reduces; else null. */
  private final String reduces;

  private Receivable(Statement statement, String insee, String communeName, String reduces) {
    this.statement = statement;
    this.insee = insee;
    this.communeName = communeName;
    this.reduces = reduces;
  }

  /**
   * The reduction of an issued receivable by a credit statement: the statement's lines are the
   * amounts taken off (positive), checked like a receivable's.
   */
  public static Receivable reduction(
      Statement credit, String insee, String communeName, String reducedNumber) {
    if (reducedNumber == null || !NUMBER.matcher(reducedNumber).matches()) {
      throw new IllegalArgumentException("Avoir refusé : numéro de l'état réduit invalide.");
    }
    Receivable checked = of(credit, insee, communeName);
    return new Receivable(checked.statement, insee, communeName, reducedNumber);
  }

  /**
   * Checks the statement: number, period, lines (a regularisation line may be negative), a total
   * equal to the sum of the lines to the cent, and positive (a credit is paid by a mandate, not
   * collected by a receivable).
   *
   * @throws IllegalArgumentException with what is wrong, in French
   */
  public static Receivable of(Statement s, String insee, String communeName) {
    List<String> problems = new ArrayList<>();
    if (s == null) {
      throw new IllegalArgumentException("État d'utilisation attendu.");
    }
    if (s.number() == null || !NUMBER.matcher(s.number()).matches()) {
      problems.add("numéro d'état invalide (lettres, chiffres, . _ / -, 64 caractères au plus)");
    }
    if (s.periodStart() == null
        || s.periodEnd() == null
        || s.periodEnd().isBefore(s.periodStart())) {
      problems.add("période invalide");
    }
    if (s.issuedOn() == null) {
      problems.add("date d'émission manquante");
    }
    if (s.lines() == null || s.lines().isEmpty()) {
      problems.add("aucune ligne");
    } else {
      long sum = 0;
      for (int i = 0; i < s.lines().size(); i++) {
        Line l = s.lines().get(i);
        String where = "ligne " + (i + 1) + " : ";
        if (l == null
            || l.service() == null
            || l.service().isBlank()
            || l.metric() == null
            || l.metric().isBlank()) {
          problems.add(where + "service et unité obligatoires");
          continue;
        }
        if (l.quantity() == null) {
          problems.add(where + "quantité absente");
        }
        if (l.unitPrice() == null || l.unitPrice().signum() < 0 || l.unitPrice().scale() > 4) {
          problems.add(where + "prix unitaire invalide (au plus 4 décimales)");
        }
        sum += l.amountCents();
      }
      if (s.totalCents() <= 0) {
        problems.add("total négatif ou nul (un avoir fait l'objet d'un mandat, pas d'un titre)");
      }
      if (sum != s.totalCents()) {
        problems.add(
            "le total ("
                + euros(s.totalCents())
                + ") n'est pas la somme des lignes ("
                + euros(sum)
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "État d'utilisation refusé : " + String.join(" ; ", problems) + ".");
    }
    return new Receivable(s, insee, communeName, null);
  }

  public String idempotencyKey() {
    return (reduces == null ? "receivable/" : "reduction/") + statement.number();
  }

  /** The flow of the outbox: a receivable issued, or reduced. */
  public String flow() {
    return reduces == null ? "receivable.issued" : "receivable.reduced";
  }

  public String pdfName() {
    return (reduces == null ? "titre-recette-" : "reduction-titre-")
        + statement.number().replaceAll("[^A-Za-z0-9._-]", "-")
        + ".pdf";
  }

  private String title() {
    return reduces == null ? "Titre de recette" : "Réduction de titre de recette";
  }

  public String object() {
    return "Remboursement des services mutualisés — état d'utilisation du "
        + FR.format(statement.periodStart())
        + " au "
        + FR.format(statement.periodEnd())
        + " (CGCT art. D5211-16)";
  }

  /** The exchange record, the PDF attached in base64. */
  public jakarta.json.JsonObject record(byte[] pdf) {
    var lines = jakarta.json.Json.createArrayBuilder();
    for (Line l : statement.lines()) {
      lines.add(
          jakarta.json.Json.createObjectBuilder()
              .add("service", l.service())
              .add("unite", l.metric())
              .add("quantite", l.quantity().toPlainString())
              .add("prixUnitaire", l.unitPrice().toPlainString())
              .add("montantCentimes", l.amountCents())
              .add("montant", decimal(l.amountCents())));
    }
    var record =
        jakarta.json.Json.createObjectBuilder()
            .add("format", "metrocloud.titre-recette/1")
            .add("type", reduces == null ? "titre" : "reduction");
    if (reduces != null) {
      record.add("etatReduit", reduces);
    }
    return record
        .add(
            "emetteur",
            jakarta.json.Json.createObjectBuilder().add("nom", ISSUER).add("siren", ISSUER_SIREN))
        .add("exercice", statement.periodEnd().getYear())
        .add("numeroEtat", statement.number())
        .add("dateEmission", statement.issuedOn().toString())
        .add("objet", object())
        .add(
            "debiteur",
            jakarta.json.Json.createObjectBuilder()
                .add("nom", "Commune de " + communeName)
                .add("insee", insee))
        .add("imputation", jakarta.json.Json.createObjectBuilder().add("nature", NATURE))
        .add(
            "periode",
            jakarta.json.Json.createObjectBuilder()
                .add("debut", statement.periodStart().toString())
                .add("fin", statement.periodEnd().toString()))
        .add("lignes", lines)
        .add("montantCentimes", statement.totalCents())
        .add("montant", decimal(statement.totalCents()))
        .add("tva", "non assujetti (remboursement de frais entre collectivités)")
        .add(
            "pieceJointe",
            jakarta.json.Json.createObjectBuilder()
                .add("nom", pdfName())
                .add("type", "application/pdf")
                .add("sha256", sha256(pdf))
                .add("contenuBase64", Base64.getEncoder().encodeToString(pdf)))
        .build();
  }

  /** The receivable as a one-page (or more) French PDF. */
  public byte[] pdf() {
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(title() + " " + statement.number());
      info.setAuthor(ISSUER);
      info.setSubject(object());
      PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
      PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      Writer w = new Writer(doc, regular, bold);
      w.text(bold, 16, title() + " — " + ISSUER);
      if (reduces != null) {
        w.text(regular, 10, "Réduit le titre de l'état d'utilisation n° " + reduces + ".");
      }
      w.gap(6);
      w.text(regular, 10, "Émetteur : " + ISSUER + " (SIREN " + ISSUER_SIREN + ")");
      w.text(regular, 10, "Débiteur : Commune de " + communeName + " (code INSEE " + insee + ")");
      w.text(
          regular,
          10,
          "État d'utilisation n° "
              + statement.number()
              + ", émis le "
              + FR.format(statement.issuedOn()));
      w.text(
          regular,
          10,
          "Exercice "
              + statement.periodEnd().getYear()
              + " — imputation : nature "
              + NATURE
              + " (remboursements de frais par les communes membres)");
      w.gap(4);
      w.text(regular, 10, object());
      w.gap(10);
      w.row(bold, "Service", "Unité", "Quantité", "Prix unitaire", "Montant");
      for (Line l : statement.lines()) {
        w.row(
            regular,
            l.service(),
            l.metric(),
            number(l.quantity()),
            number(l.unitPrice()) + " €",
            euros(l.amountCents()));
      }
      w.gap(6);
      w.row(
          bold,
          reduces == null ? "Total à recouvrer" : "Total de la réduction",
          "",
          "",
          "",
          euros(statement.totalCents()));
      if (statement.previousYearCents() != null) {
        long diff = statement.totalCents() - statement.previousYearCents();
        w.gap(4);
        w.text(
            regular,
            10,
            "Pour mémoire, même période de l'an dernier : "
                + euros(statement.previousYearCents())
                + " ("
                + (diff >= 0 ? "+" : "−")
                + euros(Math.abs(diff))
                + ").");
      }
      w.gap(10);
      w.text(
          regular,
          9,
          "Coût unitaire du service × unités consommées (recouvrement du coût des services"
              + " mutualisés). Non assujetti à la TVA.");
      w.text(
          regular,
          9,
          "Document produit par MetroCloud, le cloud métropolitain de l'Eurométropole de"
              + " Strasbourg.");
      w.close();
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String euros(long cents) {
    NumberFormat f = NumberFormat.getNumberInstance(Locale.FRANCE);
    f.setMinimumFractionDigits(2);
    f.setMaximumFractionDigits(2);
    // narrow no-break spaces are not in the PDF's standard font: plain spaces
    return f.format(BigDecimal.valueOf(cents, 2)).replace('\u202f', ' ').replace('\u00a0', ' ')
        + " €";
  }

  private static String number(BigDecimal value) {
    NumberFormat f = NumberFormat.getNumberInstance(Locale.FRANCE);
    f.setMaximumFractionDigits(4);
    return f.format(value).replace('\u202f', ' ').replace('\u00a0', ' ');
  }

  private static String decimal(long cents) {
    return BigDecimal.valueOf(cents, 2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  public static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lines of text down A4 pages. */
  private static final class Writer {
    private static final float MARGIN = 50;
    private static final float[] COLUMNS = {50, 210, 300, 380, 470};
    private final PDDocument doc;
    private PDPageContentStream stream;
    private float y;

    Writer(PDDocument doc, PDType1Font regular, PDType1Font bold) throws IOException {
      this.doc = doc;
      newPage();
    }

    private void newPage() throws IOException {
      if (stream != null) {
        stream.close();
      }
      PDPage page = new PDPage(PDRectangle.A4);
      doc.addPage(page);
      stream = new PDPageContentStream(doc, page);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void ensure(float height) throws IOException {
      if (y - height < MARGIN) {
        newPage();
      }
    }

    void text(PDType1Font font, float size, String text) throws IOException {
      for (String line : wrap(text, 95)) {
        ensure(size + 4);
        y -= size + 4;
        stream.beginText();
        stream.setFont(font, size);
        stream.newLineAtOffset(MARGIN, y);
        stream.showText(line);
        stream.endText();
      }
    }

    void row(PDType1Font font, String... cells) throws IOException {
      ensure(14);
      y -= 14;
      for (int i = 0; i < cells.length; i++) {
        String cell = cells[i].length() > 30 ? cells[i].substring(0, 29) + "…" : cells[i];
        stream.beginText();
        stream.setFont(font, 9);
        stream.newLineAtOffset(COLUMNS[i], y);
        stream.showText(cell);
        stream.endText();
      }
    }

    void gap(float points) {
      y -= points;
    }

    void close() throws IOException {
      stream.close();
    }

    private static List<String> wrap(String text, int width) {
      List<String> out = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ")) {
        if (line.length() + word.length() + 1 > width && line.length() > 0) {
          out.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      out.add(line.toString());
      return out;
    }
  }
}
