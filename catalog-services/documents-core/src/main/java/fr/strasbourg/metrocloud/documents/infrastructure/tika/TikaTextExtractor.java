package fr.strasbourg.metrocloud.documents.infrastructure.tika;

import fr.strasbourg.metrocloud.documents.application.TextExtractor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Apache Tika. Detection reads only the content (the file name and the client's Content-Type are
 * not consulted). Extraction is bounded: at most {@code maxChars} characters (beyond, the text is
 * cut and marked truncated), embedded documents read {@code maxDepth} levels deep, and Tika's own
 * decompression-bomb guard on container formats; the time limit is the caller's. Control characters
 * are removed from the text (PostgreSQL text cannot hold NUL, and two of them mark search
 * excerpts).
 */
@ApplicationScoped
public class TikaTextExtractor implements TextExtractor {

  private static final Set<String> TEXTUAL_PREFIXES = Set.of("text/");
  private static final Set<String> EXTRACTABLE =
      Set.of(
          "application/pdf",
          "application/msword",
          "application/vnd.ms-excel",
          "application/vnd.ms-powerpoint",
          "application/rtf",
          "application/xhtml+xml",
          "application/x-tika-msoffice",
          "application/x-tika-ooxml",
          "application/x-tika-ooxml-protected",
          "application/zip",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "application/vnd.openxmlformats-officedocument.presentationml.presentation",
          "application/vnd.oasis.opendocument.text",
          "application/vnd.oasis.opendocument.spreadsheet",
          "application/vnd.oasis.opendocument.presentation");

  private volatile TikaConfig config;

  private TikaConfig config() {
    TikaConfig c = config;
    if (c == null) {
      try {
        c = new TikaConfig(getClass().getClassLoader());
      } catch (org.apache.tika.mime.MimeTypeException | IOException e) {
        throw new IllegalStateException("Apache Tika cannot start", e);
      }
      config = c;
    }
    return c;
  }

  @Override
  public String detect(byte[] firstBytes) {
    Detector detector = config().getDetector();
    try (TikaInputStream in = TikaInputStream.get(firstBytes)) {
      return detector.detect(in, new Metadata()).getBaseType().toString();
    } catch (IOException e) {
      return MediaType.OCTET_STREAM.toString();
    }
  }

  @Override
  public boolean extractable(String mimeType) {
    return EXTRACTABLE.contains(mimeType)
        || TEXTUAL_PREFIXES.stream().anyMatch(mimeType::startsWith);
  }

  @Override
  public Extraction extract(InputStream content, int maxChars, int maxDepth)
      throws ExtractionException {
    AutoDetectParser parser = new AutoDetectParser(config());
    Metadata metadata = new Metadata();
    ParseContext context = new ParseContext();
    context.set(Parser.class, parser);
    context.set(EmbeddedDocumentExtractor.class, new DepthLimited(context, maxDepth));
    WriteOutContentHandler out = new WriteOutContentHandler(maxChars);
    ContentHandler handler = new BodyContentHandler(out);
    String type = MediaType.OCTET_STREAM.toString();
    try (TikaInputStream in = TikaInputStream.get(content)) {
      type = parser.getDetector().detect(in, metadata).getBaseType().toString();
      parser.parse(in, handler, metadata, context);
      return new Extraction(type, clean(out.toString()), false);
    } catch (SAXException e) {
      if (WriteLimitReachedException.isWriteLimitReached(e)) {
        return new Extraction(type, clean(out.toString()), true);
      }
      throw new ExtractionException("contenu illisible (" + e.getMessage() + ")", e);
    } catch (EncryptedDocumentException e) {
      throw new ExtractionException(
          "document chiffré ou protégé par un mot de passe : texte non extrait", e);
    } catch (ZeroByteFileException e) {
      throw new ExtractionException("fichier vide", e);
    } catch (TikaException e) {
      if (WriteLimitReachedException.isWriteLimitReached(e)) {
        return new Extraction(type, clean(out.toString()), true);
      }
      String reason =
          e.getClass().getSimpleName().contains("ZipBomb")
              ? "bombe de décompression détectée : extraction interrompue"
              : "fichier corrompu ou illisible (" + shorten(e.getMessage()) + ")";
      throw new ExtractionException(reason, e);
    } catch (IOException e) {
      throw new ExtractionException(
          "lecture du contenu impossible (" + shorten(e.getMessage()) + ")", e);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new ExtractionException(
          "fichier pathologique, extraction abandonnée (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  static String clean(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n'
          || c == '\t'
          || c == '\r'
          || (c >= 0x20 && c != 0x7f && c != '\uFFFE' && c != '\uFFFF')) {
        sb.append(c);
      } else {
        sb.append(' ');
      }
    }
    return sb.toString().replaceAll("[ \\t]{2,}", " ").replaceAll("\\n{3,}", "\n\n").strip();
  }

  private static String shorten(String message) {
    if (message == null) {
      return "sans détail";
    }
    return message.length() > 200 ? message.substring(0, 200) + "…" : message;
  }

  /** Parses embedded documents up to a depth, then skips them. */
  static final class DepthLimited extends ParsingEmbeddedDocumentExtractor {
    private final int maxDepth;
    private int depth;

    DepthLimited(ParseContext context, int maxDepth) {
      super(context);
      this.maxDepth = maxDepth;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
      return depth < maxDepth && super.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(
        InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
        throws SAXException, IOException {
      depth++;
      try {
        super.parseEmbedded(stream, handler, metadata, outputHtml);
      } finally {
        depth--;
      }
    }
  }
}
