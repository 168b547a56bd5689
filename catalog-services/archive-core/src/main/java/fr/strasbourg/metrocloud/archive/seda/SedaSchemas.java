package fr.strasbourg.metrocloud.archive.seda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The SEDA 2.2 schema, loaded once from the classpath ({@code /seda/2.2/}) and never from the
 * network, and the validation of incoming or produced messages against it.
 *
 * <p>The {@code xsd:include}s are served from the classpath, the two W3C imports are mapped to the
 * local copies as {@code catalog.xml} says, and any other location is refused. Messages are parsed
 * with DTDs and external entities disabled: a DOCTYPE is reported as a violation, never read.
 */
public final class SedaSchemas {

  /** Namespace of SEDA 2.2 messages ({@code targetNamespace} of {@code seda-2.2-main.xsd}). */
  public static final String NAMESPACE = "fr:gouv:culture:archivesdefrance:seda:v2.2";

  static final String BASE = "/seda/2.2/";
  private static final String MAIN = "seda-2.2-main.xsd";

  /** The W3C locations imported by SEDA 2.2 and their local copies (see catalog.xml). */
  private static final Map<String, String> W3C =
      Map.of(
          "http://www.w3.org/2001/xml.xsd", "w3c/2001/xml.xsd",
          "http://www.w3.org/1999/xlink.xsd", "w3c/1999/xlink.xsd");

  private static final Set<String> INCLUDES =
      Set.of(
          "seda-2.2-main.xsd",
          "seda-2.2-types.xsd",
          "seda-2.2-ontology.xsd",
          "seda-2.2-technical.xsd",
          "seda-2.2-management.xsd",
          "seda-2.2-descriptive.xsd");

  private static final int MAX_VIOLATIONS = 100;

  private static final class Holder {
    static final SedaSchemas INSTANCE = new SedaSchemas();
  }

  private final Schema schema;
  private final SAXParserFactory parsers;

  private SedaSchemas() {
    this.schema = load();
    this.parsers = hardenedParsers();
  }

  /** The shared SEDA 2.2 schema (thread-safe). */
  public static SedaSchemas seda22() {
    return Holder.INSTANCE;
  }

  /** The compiled schema; thread-safe, create one {@link Validator} per validation. */
  public Schema schema() {
    return schema;
  }

  /**
   * Validates a message against SEDA 2.2.
   *
   * @return the violations as {@code line:column: message}, empty when the message is valid
   */
  public List<String> violations(byte[] xml) {
    List<String> out = new ArrayList<>();
    if (xml == null || xml.length == 0) {
      out.add("0:0: empty document");
      return out;
    }
    ErrorHandler collect =
        new ErrorHandler() {
          @Override
          public void warning(SAXParseException e) {
            // warnings are not violations
          }

          @Override
          public void error(SAXParseException e) {
            add(out, e);
          }

          @Override
          public void fatalError(SAXParseException e) throws SAXException {
            add(out, e);
            throw e;
          }
        };
    try {
      XMLReader reader = parsers.newSAXParser().getXMLReader();
      reader.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entity refused: " + systemId);
          });
      reader.setErrorHandler(collect);
      Validator validator = schema.newValidator();
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      validator.setResourceResolver(SedaSchemas::refuse);
      validator.setErrorHandler(collect);
      validator.validate(new SAXSource(reader, new InputSource(new ByteArrayInputStream(xml))));
    } catch (SAXParseException e) {
      if (out.isEmpty()) {
        add(out, e);
      }
    } catch (SAXException e) {
      out.add("0:0: " + e.getMessage());
    } catch (IOException e) {
      out.add("0:0: " + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML parser cannot be hardened", e);
    }
    return Collections.unmodifiableList(out);
  }

  private static void add(List<String> out, SAXParseException e) {
    if (out.size() < MAX_VIOLATIONS) {
      out.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
    }
  }

  /** Parsers that read no DTD and no external entity (a DOCTYPE is a fatal error). */
  static SAXParserFactory hardenedParsers() {
    try {
      SAXParserFactory f = SAXParserFactory.newInstance();
      f.setNamespaceAware(true);
      f.setValidating(false);
      f.setXIncludeAware(false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return f;
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("XML parser cannot be hardened", e);
    }
  }

  private static Schema load() {
    URL main = resource(MAIN);
    try (InputStream in = main.openStream()) {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
      factory.setResourceResolver(new ClasspathResolver());
      StreamSource source = new StreamSource(in, main.toExternalForm());
      return factory.newSchema(source);
    } catch (IOException e) {
      throw new UncheckedIOException("SEDA 2.2 schema unreadable", e);
    } catch (SAXException e) {
      throw new IllegalStateException("SEDA 2.2 schema invalid: " + e.getMessage(), e);
    }
  }

  private static URL resource(String relative) {
    URL url = SedaSchemas.class.getResource(BASE + relative);
    if (url == null) {
      throw new IllegalStateException("missing schema resource " + BASE + relative);
    }
    return url;
  }

  private static LSInput refuse(
      String type, String namespaceUri, String publicId, String systemId, String baseUri) {
    throw new IllegalArgumentException("schema location refused (offline only): " + systemId);
  }

  /** Serves the includes and the two W3C imports from the classpath; refuses anything else. */
  static final class ClasspathResolver implements LSResourceResolver {
    @Override
    public LSInput resolveResource(
        String type, String namespaceUri, String publicId, String systemId, String baseUri) {
      if (systemId == null) {
        return refuse(type, namespaceUri, publicId, systemId, baseUri);
      }
      String relative = W3C.get(systemId);
      if (relative == null) {
        String name = systemId;
        String base = resource(MAIN).toExternalForm();
        String dir = base.substring(0, base.lastIndexOf('/') + 1);
        if (name.startsWith(dir)) {
          name = name.substring(dir.length());
        }
        if (INCLUDES.contains(name)) {
          relative = name;
        }
      }
      if (relative == null) {
        return refuse(type, namespaceUri, publicId, systemId, baseUri);
      }
      URL url = resource(relative);
      try {
        return new Input(publicId, url.toExternalForm(), baseUri, url.openStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private record Input(String publicId, String systemId, String baseUri, InputStream stream)
      implements LSInput {
    @Override
    public Reader getCharacterStream() {
      return null;
    }

    @Override
    public void setCharacterStream(Reader characterStream) {}

    @Override
    public InputStream getByteStream() {
      return stream;
    }

    @Override
    public void setByteStream(InputStream byteStream) {}

    @Override
    public String getStringData() {
      return null;
    }

    @Override
    public void setStringData(String stringData) {}

    @Override
    public String getSystemId() {
      return systemId;
    }

    @Override
    public void setSystemId(String systemId) {}

    @Override
    public String getPublicId() {
      return publicId;
    }

    @Override
    public void setPublicId(String publicId) {}

    @Override
    public String getBaseURI() {
      return baseUri;
    }

    @Override
    public void setBaseURI(String baseURI) {}

    @Override
    public String getEncoding() {
      return null;
    }

    @Override
    public void setEncoding(String encoding) {}

    @Override
    public boolean getCertifiedText() {
      return false;
    }

    @Override
    public void setCertifiedText(boolean certifiedText) {}
  }
}
