package fr.strasbourg.metrocloud.billing.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collections;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * The documents of a statement of use ("état annuel d'utilisation des services mutualisés", CGCT
 * art. D5211-16) sent to a commune's officials:
 *
 * <ul>
 *   <li>{@link #pdf} — the French A4 statement (or credit): issuer, commune, number (or "BROUILLON"
 *       for a draft), period, the lines grouped by service, the total, the comparison with the same
 *       period of the previous year and the legal basis of the cost recovery. The same statement
 *       always renders the same bytes: the creation date and the trailer ID come from {@link
 *       Statement#computedAt()}, nothing depends on the clock or the machine's time zone.
 *   <li>{@link #csv} — the same lines for spreadsheets and finance tools: RFC 4180 with {@code ;}
 *       as separator, CRLF line ends, UTF-8 without BOM, dots as decimal separators, ISO dates, a
 *       final TOTAL row.
 *   <li>{@link #sha256} — the fingerprint recorded with an issued document.
 * </ul>
 *
 * Periods and lines cover [from, to) internally; both documents show the last day covered.
 */
public final class StatementDocuments {

  private static final String ISSUER = "Eurométropole de Strasbourg";

  private static final String CSV_HEADER =
      "numero;commune;insee;periode_debut;periode_fin;type;service;libelle;metrique;du;au;"
          + "quantite;franchise;quantite_facturee;prix_unitaire;montant";
  private static final String CRLF = "\r\n";

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("dd/MM");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private StatementDocuments() {}

  /**
   * The statement as a French A4 PDF.
   *
   * @param serviceName the French name of a service code (the code itself is shown if null)
   */
  public static byte[] pdf(Statement s, Function<String, String> serviceName) {
    Objects.requireNonNull(s.computedAt(), "computedAt fixes the PDF's dates");
    try (PDDocument doc = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      String reference = title(s) + " " + (s.number() == null ? "BROUILLON" : s.number());
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(reference);
      info.setAuthor(ISSUER);
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone(PARIS), Locale.FRANCE);
      created.setTimeInMillis(s.computedAt().toEpochMilli());
      info.setCreationDate(created);
      // PDFBox derives the trailer /ID from this seed and the document information instead of
      // the current time: same statement, same bytes.
      doc.setDocumentId(s.computedAt().toEpochMilli());

      Layout page = new Layout(doc);
      header(page, s);
      lines(page, s, serviceName);
      totals(page, s);
      footer(page, s);
      page.finish(reference);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The statement's lines as CSV: a header row, one row per line, then a TOTAL row.
   *
   * @param serviceName the French name of a service code, written in the {@code service} column
   */
  public static String csv(Statement s, Function<String, String> serviceName) {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append(CRLF);
    String numero = s.number() == null ? "BROUILLON" : s.number();
    List<String> statement =
        List.of(
            numero,
            s.communeName(),
            s.tenantId(),
            s.period().start().toString(),
            lastDay(s.period().end()).toString());
    for (StatementLine l : s.lines()) {
      List<String> row = new ArrayList<>(statement);
      row.addAll(
          List.of(
              l.kind().name(),
              name(serviceName, l.service()),
              l.label(),
              l.metric(),
              l.from().toString(),
              lastDay(l.to()).toString(),
              plain(l.quantity()),
              plain(l.freeQuantity()),
              plain(l.billedQuantity()),
              l.unitPrice().toPlainString(),
              BigDecimal.valueOf(l.amountCents(), 2).toPlainString()));
      csvRow(csv, row);
    }
    List<String> total = new ArrayList<>(statement);
    total.add("TOTAL");
    total.addAll(Collections.nCopies(9, "")); // service … prix_unitaire
    total.add(BigDecimal.valueOf(s.totalCents(), 2).toPlainString());
    csvRow(csv, total);
    return csv.toString();
  }

  /** SHA-256 of the bytes, lowercase hex. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- PDF content

  private static String title(Statement s) {
    return s.kind() == StatementKind.CREDIT
        ? "Avoir sur état d'utilisation"
        : "État d'utilisation des services mutualisés";
  }

  private static void header(Layout page, Statement s) throws IOException {
    page.paragraph(page.bold, 16, title(s));
    page.gap(4);
    page.paragraph(page.regular, 10, ISSUER + " — Direction des systèmes d'information");
    page.paragraph(
        page.regular,
        10,
        "Commune : "
            + s.communeName()
            + " (INSEE "
            + s.tenantId()
            + "), "
            + decimal(BigDecimal.valueOf(s.population()), 0, 0)
            + " habitants");
    page.gap(6);
    page.paragraph(
        page.bold,
        11,
        s.number() == null ? "BROUILLON — document de travail, non émis" : "N° " + s.number());
    page.paragraph(
        page.regular,
        10,
        "Période : "
            + s.period().labelFr()
            + " (du "
            + DAY.format(s.period().start())
            + " au "
            + DAY.format(lastDay(s.period().end()))
            + ")");
    if (s.kind() == StatementKind.CREDIT) {
      page.paragraph(
          page.regular,
          10,
          "Avoir sur l'état n° " + s.correctsNumber() + " — motif : " + s.reason());
    }
    page.gap(10);
  }

  /** The table, one group per service in order of first appearance. */
  private static void lines(Layout page, Statement s, Function<String, String> serviceName)
      throws IOException {
    Map<String, List<StatementLine>> byService = new LinkedHashMap<>();
    for (StatementLine l : s.lines()) {
      byService.computeIfAbsent(l.service(), k -> new ArrayList<>()).add(l);
    }
    page.tableHeader();
    for (Map.Entry<String, List<StatementLine>> group : byService.entrySet()) {
      String name = name(serviceName, group.getKey());
      List<String[]> rows = group.getValue().stream().map(l -> cells(l, s.period())).toList();
      page.group(name, rows);
    }
  }

  /** Détail (label, then the dates on a line of their own), Quantité, Franchise, Prix, Montant. */
  private static String[] cells(StatementLine l, BillingPeriod period) {
    String detail = l.label() + "\n" + dates(l, period);
    String amount = euros(l.amountCents());
    if (l.kind() == LineKind.BASE_FEE) {
      return new String[] {
        detail,
        quantity(l.quantity()) + " j / " + Year.of(l.from().getYear()).length(),
        "",
        price(l.unitPrice()) + " /an",
        amount
      };
    }
    return new String[] {
      detail, quantity(l.quantity()), quantity(l.freeQuantity()), price(l.unitPrice()), amount
    };
  }

  /** « du 01/01 au 31/03 », with the years when the line is not in the period's year. */
  private static String dates(StatementLine l, BillingPeriod period) {
    LocalDate last = lastDay(l.to());
    DateTimeFormatter f =
        l.from().getYear() == period.start().getYear() && last.getYear() == l.from().getYear()
            ? DAY_MONTH
            : DAY;
    return "du " + f.format(l.from()) + " au " + f.format(last);
  }

  private static void totals(Layout page, Statement s) throws IOException {
    page.gap(8);
    page.paragraph(page.bold, 12, "Total : " + euros(s.totalCents()));
    Long previous = s.previousYearCents();
    page.paragraph(
        page.regular,
        10,
        previous == null
            ? "Pas d'état pour la même période l'année précédente."
            : "Même période l'année précédente : "
                + euros(previous)
                + " (évolution : "
                + evolution(s.totalCents(), previous)
                + ")");
  }

  /** « +12,3 % » relative to the previous year, « n.s. » when there is nothing to compare to. */
  private static String evolution(long cents, long previousCents) {
    if (previousCents == 0) {
      return "n.s.";
    }
    BigDecimal percent =
        BigDecimal.valueOf(cents - previousCents)
            .multiply(HUNDRED)
            .divide(BigDecimal.valueOf(Math.abs(previousCents)), 1, RoundingMode.HALF_UP);
    return (percent.signum() < 0 ? "-" : "+") + decimal(percent.abs(), 1, 1) + " %";
  }

  private static void footer(Layout page, Statement s) throws IOException {
    page.gap(14);
    page.paragraph(
        page.regular,
        8.5f,
        "Remboursement des frais de fonctionnement des services mutualisés (CGCT art."
            + " L5211-4-1 et D5211-16) : coût unitaire de fonctionnement × nombre d'unités de"
            + " fonctionnement consommées.");
    if (s.issuedOn() != null) {
      page.gap(4);
      page.paragraph(page.regular, 10, "Émis le " + DAY.format(s.issuedOn()));
    }
  }

  // ---- formatting

  private static LocalDate lastDay(LocalDate endExclusive) {
    return endExclusive.minusDays(1);
  }

  private static String name(Function<String, String> serviceName, String code) {
    return Objects.requireNonNullElse(serviceName.apply(code), code);
  }

  /** fr-FR number with a plain minus; grouping spaces are made PDF-safe by the layout. */
  private static String decimal(BigDecimal value, int minFraction, int maxFraction) {
    NumberFormat f = NumberFormat.getNumberInstance(Locale.FRANCE);
    f.setMinimumFractionDigits(minFraction);
    f.setMaximumFractionDigits(maxFraction);
    f.setRoundingMode(RoundingMode.HALF_UP);
    return (value.signum() < 0 ? "-" : "") + f.format(value.abs());
  }

  /** « 12,5 », up to 6 decimals. */
  private static String quantity(BigDecimal value) {
    return decimal(value, 0, 6);
  }

  /** « 0,35 € », « 0,1234 € ». */
  private static String price(BigDecimal euros) {
    return decimal(euros, 2, 4) + " €";
  }

  /** « 1 234,56 € », « -12,30 € ». */
  private static String euros(long cents) {
    return decimal(BigDecimal.valueOf(cents, 2), 2, 2) + " €";
  }

  // ---- CSV

  /** « 12.5 », « 0 ». */
  private static String plain(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  private static void csvRow(StringBuilder csv, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        csv.append(';');
      }
      csv.append(csvValue(values.get(i)));
    }
    csv.append(CRLF);
  }

  private static String csvValue(String value) {
    if (value == null) {
      return "";
    }
    return value.contains(";")
            || value.contains("\"")
            || value.contains("\n")
            || value.contains("\r")
        ? "\"" + value.replace("\"", "\"\"") + "\""
        : value;
  }

  /**
   * Text, paragraphs and a table down A4 pages, in the standard Helvetica fonts: every string is
   * first made WinAnsi-safe, then measured to wrap (or truncate) within its width.
   */
  private static final class Layout {
    private static final float MARGIN = 50;
    private static final float BOTTOM = 60;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float TABLE_SIZE = 9;
    private static final float LEADING = 11;
    private static final float ROW_PADDING = 3;
    private static final int MAX_CELL_LINES = 3;
    private static final String[] HEADINGS = {
      "Service", "Détail", "Quantité", "Franchise", "Prix unitaire", "Montant"
    };

    /** Widths of the columns (sum {@link #WIDTH}); all but Service and Détail right-aligned. */
    private static final float[] COLUMNS = {70, 180, 60, 50, 70, 65};

    private final PDDocument doc;
    final PDFont regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream stream;
    private float y;

    Layout(PDDocument doc) throws IOException {
      this.doc = doc;
      newPage();
    }

    void gap(float points) {
      y -= points;
    }

    /** A paragraph across the page, wrapped. */
    void paragraph(PDFont font, float size, String text) throws IOException {
      for (String line : wrap(font, size, text, WIDTH, Integer.MAX_VALUE)) {
        if (y - size * 1.3f < BOTTOM) {
          newPage();
        }
        y -= size * 1.3f;
        show(stream, font, size, MARGIN, y, line);
      }
    }

    void tableHeader() throws IOException {
      draw(bold, wrapCells(bold, HEADINGS));
      rule(0.8f);
    }

    /**
     * A service's name as a bold heading, then its rows (Détail to Montant); on each new page the
     * group continues on, the table header and the heading (« suite ») are repeated.
     */
    void group(String service, List<String[]> rows) throws IOException {
      String heading = service;
      for (String[] row : rows) {
        String[] cells = new String[HEADINGS.length];
        cells[0] = "";
        System.arraycopy(row, 0, cells, 1, row.length);
        List<List<String>> wrapped = wrapCells(regular, cells);
        if (y - (heading == null ? 0 : LEADING + ROW_PADDING) - height(wrapped) < BOTTOM) {
          newPage();
          tableHeader();
          heading = heading == null ? service + " (suite)" : heading;
        }
        if (heading != null) {
          y -= LEADING + ROW_PADDING;
          show(stream, bold, TABLE_SIZE, MARGIN, y, fit(bold, TABLE_SIZE, heading, WIDTH));
          heading = null;
        }
        draw(regular, wrapped);
      }
      rule(0.3f);
    }

    /** Page numbers and the document's reference at the bottom of every page. */
    void finish(String reference) throws IOException {
      stream.close();
      int count = doc.getNumberOfPages();
      for (int i = 0; i < count; i++) {
        try (PDPageContentStream footer =
            new PDPageContentStream(
                doc, doc.getPage(i), PDPageContentStream.AppendMode.APPEND, true)) {
          String text = safe(reference + " — page " + (i + 1) + "/" + count);
          show(footer, regular, 8, MARGIN + WIDTH - width(regular, 8, text), 30, text);
        }
      }
    }

    private List<List<String>> wrapCells(PDFont font, String[] cells) throws IOException {
      List<List<String>> wrapped = new ArrayList<>();
      for (int c = 0; c < cells.length; c++) {
        wrapped.add(wrap(font, TABLE_SIZE, cells[c], COLUMNS[c] - 4, MAX_CELL_LINES));
      }
      return wrapped;
    }

    private static float height(List<List<String>> wrapped) {
      return wrapped.stream().mapToInt(List::size).max().orElse(1) * LEADING + ROW_PADDING;
    }

    /** A row at the current position: Service and Détail left-aligned, the figures right. */
    private void draw(PDFont font, List<List<String>> wrapped) throws IOException {
      float x = MARGIN;
      for (int c = 0; c < wrapped.size(); c++) {
        float baseline = y - ROW_PADDING;
        for (String line : wrapped.get(c)) {
          baseline -= LEADING;
          float left = c < 2 ? x : x + COLUMNS[c] - width(font, TABLE_SIZE, line);
          show(stream, font, TABLE_SIZE, left, baseline, line);
        }
        x += COLUMNS[c];
      }
      y -= height(wrapped);
    }

    private void rule(float thickness) throws IOException {
      y -= 2;
      stream.setLineWidth(thickness);
      stream.moveTo(MARGIN, y);
      stream.lineTo(MARGIN + WIDTH, y);
      stream.stroke();
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

    private static void show(
        PDPageContentStream out, PDFont font, float size, float x, float baseline, String text)
        throws IOException {
      out.beginText();
      out.setFont(font, size);
      out.newLineAtOffset(x, baseline);
      out.showText(safe(text));
      out.endText();
    }

    /**
     * The text in lines of at most {@code width} points: each paragraph (separated by {@code \n})
     * wrapped at spaces, words longer than a line cut, and at most {@code maxLines} lines per
     * paragraph (the last one then ends with « … »).
     */
    private static List<String> wrap(
        PDFont font, float size, String text, float width, int maxLines) throws IOException {
      List<String> lines = new ArrayList<>();
      for (String paragraph : text.split("\n")) {
        List<String> wrapped = wrapParagraph(font, size, safe(paragraph), width);
        if (wrapped.size() > maxLines) {
          wrapped = new ArrayList<>(wrapped.subList(0, maxLines));
          wrapped.set(maxLines - 1, fit(font, size, wrapped.get(maxLines - 1) + " …", width));
        }
        lines.addAll(wrapped);
      }
      return lines;
    }

    private static List<String> wrapParagraph(PDFont font, float size, String text, float width)
        throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.split(" ")) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (width(font, size, candidate) <= width) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (!line.isEmpty()) {
          lines.add(line.toString());
          line.setLength(0);
        }
        for (int i = 0; i < word.length(); i++) {
          if (!line.isEmpty() && width(font, size, line.toString() + word.charAt(i)) > width) {
            lines.add(line.toString());
            line.setLength(0);
          }
          line.append(word.charAt(i));
        }
      }
      lines.add(line.toString());
      return lines;
    }

    /** The text, cut with « … » if wider than {@code width}. */
    private static String fit(PDFont font, float size, String text, float width)
        throws IOException {
      String t = safe(text);
      if (width(font, size, t) <= width) {
        return t;
      }
      while (!t.isEmpty() && width(font, size, t + "…") > width) {
        t = t.substring(0, t.length() - 1);
      }
      return t + "…";
    }

    private static float width(PDFont font, float size, String text) throws IOException {
      return font.getStringWidth(text) / 1000 * size;
    }

    /**
     * The text in the WinAnsi encoding of the standard fonts: spaces of any kind (the narrow
     * no-break space of French numbers, line breaks…) become plain spaces, other characters the
     * encoding lacks become « ? ».
     */
    private static String safe(String text) {
      StringBuilder out = new StringBuilder(text.length());
      text.codePoints()
          .forEach(
              cp -> {
                if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                  out.append(' ');
                } else if (WinAnsiEncoding.INSTANCE.contains(
                    GlyphList.getAdobeGlyphList().codePointToName(cp))) {
                  out.appendCodePoint(cp);
                } else {
                  out.append('?');
                }
              });
      return out.toString();
    }
  }
}
