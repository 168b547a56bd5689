package fr.strasbourg.metrocloud.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Real files of the kinds communes store, generated (PDF with PDFBox, DOCX with Apache POI) — and
 * hostile ones.
 */
public final class SampleFiles {

  private SampleFiles() {}

  /** A PDF with one paragraph per line of text (Helvetica, so French accents render). */
  public static byte[] pdf(String... paragraphs) {
    try (PDDocument document = new PDDocument()) {
      write(document, paragraphs);
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PDF of about {@code bytes}: a page of text and an image of noise (as in a scanned act). */
  public static byte[] pdfOfSize(int bytes, long seed, String... paragraphs) {
    try (PDDocument document = new PDDocument()) {
      write(document, paragraphs);
      int side = (int) Math.sqrt(bytes / 3.0);
      java.awt.image.BufferedImage image =
          new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_INT_RGB);
      Random random = new Random(seed);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          image.setRGB(x, y, random.nextInt(0xffffff));
        }
      }
      PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.drawImage(xobject, 50, 300, 400, 400);
      }
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PDF whose content only opens with the password. */
  public static byte[] encryptedPdf(String password, String... paragraphs) {
    try (PDDocument document = new PDDocument()) {
      write(document, paragraphs);
      StandardProtectionPolicy policy =
          new StandardProtectionPolicy("owner-" + password, password, new AccessPermission());
      policy.setEncryptionKeyLength(256);
      document.protect(policy);
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first part of a valid PDF: a download cut short. */
  public static byte[] corruptPdf() {
    byte[] valid = pdf("Rapport d'activité 2025", "Ce fichier a été tronqué.");
    return Arrays.copyOf(valid, valid.length / 3);
  }

  /** A Word document (DOCX). */
  public static byte[] docx(String... paragraphs) {
    try (XWPFDocument document = new XWPFDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (String paragraph : paragraphs) {
        document.createParagraph().createRun().setText(paragraph);
      }
      document.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A DOCX missing half of its bytes. */
  public static byte[] corruptDocx() {
    byte[] valid = docx("Convention de mutualisation", "Article 1 : objet.");
    return Arrays.copyOf(valid, valid.length / 2);
  }

  /**
   * A decompression bomb shaped as a DOCX: a few kilobytes that inflate to {@code
   * inflatedMegabytes} of XML.
   */
  public static byte[] docxBomb(int inflatedMegabytes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      entry(
          zip,
          "[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
              + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
              + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
              + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
              + "</Types>");
      entry(
          zip,
          "_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
              + "</Relationships>");
      zip.putNextEntry(new ZipEntry("word/document.xml"));
      zip.write(
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
              .getBytes(StandardCharsets.UTF_8));
      byte[] paragraph =
          ("<w:p><w:r><w:t>" + "a".repeat(1000) + "</w:t></w:r></w:p>")
              .getBytes(StandardCharsets.UTF_8);
      long target = (long) inflatedMegabytes * 1024 * 1024;
      for (long written = 0; written < target; written += paragraph.length) {
        zip.write(paragraph);
      }
      zip.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A plain ZIP bomb: {@code inflatedMegabytes} of zeros in a few kilobytes. */
  public static byte[] zipBomb(int inflatedMegabytes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      zip.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] zeros = new byte[1024 * 1024];
      for (int i = 0; i < inflatedMegabytes; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static void write(PDDocument document, String... paragraphs) throws IOException {
    PDPage page = new PDPage(PDRectangle.A4);
    document.addPage(page);
    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
      content.beginText();
      content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
      content.setLeading(14);
      content.newLineAtOffset(50, 780);
      for (String paragraph : paragraphs) {
        content.showText(paragraph);
        content.newLine();
      }
      content.endText();
    }
  }

  private static byte[] save(PDDocument document) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    document.save(out);
    return out.toByteArray();
  }
}
