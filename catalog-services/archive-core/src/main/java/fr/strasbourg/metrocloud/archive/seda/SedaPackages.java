package fr.strasbourg.metrocloud.archive.seda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads an incoming transfer package: a ZIP with {@code manifest.xml} (a SEDA 2.2 ArchiveTransfer)
 * at its root and the files at the URIs the manifest names. The package is either accepted (parsed
 * and checked) or refused with reasons in French.
 *
 * <p>Input is hostile: entry names are checked for path traversal, the number of entries and the
 * bytes actually decompressed are capped (the sizes the ZIP declares are not trusted), and the
 * manifest is validated with DTDs and external entities disabled.
 *
 * <p>This first brick keeps the files in memory; lower {@link Limits#maxTotalBytes()} accordingly,
 * or spool to storage in a later brick.
 */
public final class SedaPackages {

  /** Name of the manifest at the root of the ZIP. */
  public static final String MANIFEST = "manifest.xml";

  private static final String NS = SedaSchemas.NAMESPACE;
  private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  /** Caps against ZIP bombs. */
  public record Limits(long maxTotalBytes, int maxEntries) {
    public static final Limits DEFAULT = new Limits(2L * 1024 * 1024 * 1024, 10_000);

    public Limits {
      if (maxTotalBytes <= 0 || maxEntries <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }

  /** A binary object of an accepted package, with its checked content. */
  public record PackagedFile(
      String id,
      String uri,
      String fileName,
      String mimeType,
      long size,
      String sha256Hex,
      byte[] content) {
    public InputStream open() {
      return new ByteArrayInputStream(content);
    }
  }

  /** An accepted package. Dates are kept as written (SEDA dates may be years or months). */
  public record TransferPackage(
      String messageIdentifier,
      String archivalAgreement,
      String archivalAgency,
      String transferringAgency,
      String originatingAgency,
      String unitId,
      String title,
      String descriptionLevel,
      String startDate,
      String endDate,
      String appraisalRuleId,
      String appraisalStartDate,
      String appraisalFinalAction,
      String accessRuleId,
      String accessStartDate,
      List<PackagedFile> files,
      byte[] manifest) {}

  /** Result of reading a package. */
  public sealed interface Result permits Accepted, Refused {}

  /** The package is valid. */
  public record Accepted(TransferPackage transferPackage) implements Result {}

  /** The package is refused; {@code reasons} are in French, for the user. */
  public record Refused(List<String> reasons) implements Result {
    public Refused {
      reasons = List.copyOf(reasons);
    }
  }

  private final Limits limits;
  private final SedaSchemas schemas;

  public SedaPackages() {
    this(Limits.DEFAULT);
  }

  public SedaPackages(Limits limits) {
    this.limits = limits;
    this.schemas = SedaSchemas.seda22();
  }

  /** Reads a package given as bytes. */
  public Result read(byte[] zip) {
    if (zip == null
        || zip.length < 4
        || zip[0] != 'P'
        || zip[1] != 'K'
        || zip[2] != 3
        || zip[3] != 4) {
      return new Refused(List.of("Le paquet n'est pas une archive ZIP."));
    }
    return read(new ByteArrayInputStream(zip));
  }

  /** Reads a package given as a stream (not closed). */
  public Result read(InputStream in) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    long total = 0;
    int count = 0;
    try {
      ZipInputStream zip = new ZipInputStream(in);
      ZipEntry e;
      byte[] buffer = new byte[64 * 1024];
      while ((e = zip.getNextEntry()) != null) {
        count++;
        if (count > limits.maxEntries()) {
          return new Refused(
              List.of(
                  "L'archive contient trop de fichiers (plus de "
                      + limits.maxEntries()
                      + " entrées)."));
        }
        String name = e.getName();
        String unsafe = unsafeName(name);
        if (unsafe != null) {
          reasons.add(
              "Chemin interdit dans l'archive : « " + printable(name) + " » (" + unsafe + ").");
          continue;
        }
        if (e.isDirectory()) {
          continue;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int n;
        while ((n = zip.read(buffer)) > 0) {
          total += n;
          if (total > limits.maxTotalBytes()) {
            return new Refused(
                List.of(
                    "L'archive décompressée dépasse la taille maximale autorisée ("
                        + limits.maxTotalBytes()
                        + " octets)."));
          }
          content.write(buffer, 0, n);
        }
        if (entries.putIfAbsent(name, content.toByteArray()) != null) {
          reasons.add("Fichier en double dans l'archive : « " + printable(name) + " ».");
        }
      }
    } catch (IOException | IllegalArgumentException ex) {
      return new Refused(List.of("L'archive ZIP est illisible ou corrompue."));
    }
    if (count == 0) {
      return new Refused(List.of("Le paquet n'est pas une archive ZIP ou elle est vide."));
    }
    if (!reasons.isEmpty()) {
      return new Refused(reasons);
    }
    byte[] manifest = entries.remove(MANIFEST);
    if (manifest == null) {
      return new Refused(
          List.of("Le bordereau « manifest.xml » est absent de la racine de l'archive."));
    }
    List<String> violations = schemas.violations(manifest);
    if (!violations.isEmpty()) {
      List<String> out = new ArrayList<>();
      out.add("Le bordereau n'est pas conforme au SEDA 2.2 :");
      violations.forEach(v -> out.add("  ligne " + v));
      return new Refused(out);
    }
    return check(manifest, entries);
  }

  private Result check(byte[] manifest, Map<String, byte[]> entries) {
    Document doc;
    try {
      doc = parse(manifest);
    } catch (Exception ex) {
      return new Refused(List.of("Le bordereau est illisible."));
    }
    Element root = doc.getDocumentElement();
    if (!NS.equals(root.getNamespaceURI()) || !"ArchiveTransfer".equals(root.getLocalName())) {
      return new Refused(
          List.of("Le bordereau n'est pas un transfert (ArchiveTransfer) SEDA 2.2."));
    }
    List<String> reasons = new ArrayList<>();
    Element dop = child(root, "DataObjectPackage");
    if (dop == null) {
      return new Refused(
          List.of("Le bordereau ne contient pas de paquet d'objets (DataObjectPackage)."));
    }
    List<Element> units = children(child(dop, "DescriptiveMetadata"), "ArchiveUnit");
    if (units.size() != 1) {
      return new Refused(
          List.of(
              "Le bordereau doit décrire exactement une unité d'archives (trouvées : "
                  + units.size()
                  + ")."));
    }
    Element unit = units.get(0);
    Element content = child(unit, "Content");
    if (content == null) {
      return new Refused(List.of("L'unité d'archives ne référence pas une description (Content)."));
    }
    Element management = child(unit, "Management");
    Element appraisal = child(management, "AppraisalRule");
    Element access = child(management, "AccessRule");

    List<Element> objects = new ArrayList<>();
    for (Node n = dop.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el && NS.equals(el.getNamespaceURI())) {
        if ("BinaryDataObject".equals(el.getLocalName())) {
          objects.add(el);
        } else if ("DataObjectGroup".equals(el.getLocalName())) {
          objects.addAll(children(el, "BinaryDataObject"));
        }
      }
    }
    List<PackagedFile> files = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    for (Element o : objects) {
      String id = o.getAttribute("id");
      String uri = text(child(o, "Uri"));
      if (uri == null) {
        reasons.add("L'objet « " + id + " » n'indique pas de fichier (Uri) dans l'archive.");
        continue;
      }
      String unsafe = unsafeName(uri);
      if (unsafe != null) {
        reasons.add(
            "Chemin interdit dans le bordereau : « " + printable(uri) + " » (" + unsafe + ").");
        continue;
      }
      if (!named.add(uri)) {
        reasons.add("Le fichier « " + printable(uri) + " » est déclaré plusieurs fois.");
        continue;
      }
      Element digestEl = child(o, "MessageDigest");
      String algorithm = digestEl == null ? null : digestEl.getAttribute("algorithm");
      if (!SedaMessages.SHA_256.equalsIgnoreCase(algorithm == null ? "" : algorithm.trim())) {
        reasons.add(
            "L'empreinte du fichier « "
                + printable(uri)
                + " » n'est pas en SHA-256 (algorithme : "
                + printable(String.valueOf(algorithm))
                + ").");
        continue;
      }
      byte[] declared = decodeDigest(text(digestEl));
      if (declared == null) {
        reasons.add("L'empreinte déclarée du fichier « " + printable(uri) + " » est illisible.");
        continue;
      }
      byte[] bytes = entries.get(uri);
      if (bytes == null) {
        reasons.add(
            "Le fichier « "
                + printable(uri)
                + " » déclaré dans le bordereau est absent de l'archive.");
        continue;
      }
      String sizeText = text(child(o, "Size"));
      long declaredSize = sizeText == null ? -1 : parseSize(sizeText);
      if (sizeText != null && declaredSize != bytes.length) {
        reasons.add(
            "La taille du fichier « "
                + printable(uri)
                + " » ("
                + bytes.length
                + " octets) ne correspond pas au bordereau ("
                + declaredSize
                + " octets).");
      }
      byte[] actual = sha256(bytes);
      if (!MessageDigest.isEqual(actual, declared)) {
        reasons.add(
            "L'empreinte SHA-256 du fichier « "
                + printable(uri)
                + " » ne correspond pas au bordereau (fichier altéré ou incomplet).");
      }
      Element format = child(o, "FormatIdentification");
      Element info = child(o, "FileInfo");
      files.add(
          new PackagedFile(
              id,
              uri,
              text(child(info, "Filename")),
              text(child(format, "MimeType")),
              bytes.length,
              HexFormat.of().formatHex(actual),
              bytes));
    }
    for (String name : entries.keySet()) {
      if (!named.contains(name)) {
        reasons.add(
            "Le fichier « "
                + printable(name)
                + " » de l'archive n'est pas déclaré dans le bordereau.");
      }
    }
    if (!reasons.isEmpty()) {
      return new Refused(reasons);
    }
    return new Accepted(
        new TransferPackage(
            text(child(root, "MessageIdentifier")),
            text(child(root, "ArchivalAgreement")),
            text(child(child(root, "ArchivalAgency"), "Identifier")),
            text(child(child(root, "TransferringAgency"), "Identifier")),
            originatingAgency(dop, content),
            unit.getAttribute("id"),
            text(child(content, "Title")),
            text(child(content, "DescriptionLevel")),
            text(child(content, "StartDate")),
            text(child(content, "EndDate")),
            text(child(appraisal, "Rule")),
            text(child(appraisal, "StartDate")),
            text(child(appraisal, "FinalAction")),
            text(child(access, "Rule")),
            text(child(access, "StartDate")),
            List.copyOf(files),
            manifest));
  }

  private static String originatingAgency(Element dop, Element content) {
    String fromManagement =
        text(child(child(dop, "ManagementMetadata"), "OriginatingAgencyIdentifier"));
    return fromManagement != null
        ? fromManagement
        : text(child(child(content, "OriginatingAgency"), "Identifier"));
  }

  /** Why an entry name or URI is unsafe (French), or null when it is a plain relative path. */
  static String unsafeName(String name) {
    if (name == null || name.isEmpty()) {
      return "nom vide";
    }
    if (name.indexOf('\0') >= 0 || name.chars().anyMatch(c -> c < 0x20)) {
      return "caractère de contrôle";
    }
    if (name.indexOf('\\') >= 0) {
      return "barre oblique inverse";
    }
    if (name.startsWith("/") || DRIVE.matcher(name).matches() || name.contains("://")) {
      return "chemin absolu";
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        return "remontée de répertoire";
      }
    }
    if (name.contains("//")) {
      return "segment vide";
    }
    return null;
  }

  private static long parseSize(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .limit(200)
        .forEach(c -> b.append(Character.isISOControl(c) ? "?" : new String(Character.toChars(c))));
    return b.toString();
  }

  private static byte[] decodeDigest(String value) {
    if (value == null) {
      return null;
    }
    if (HEX_64.matcher(value).matches()) {
      return HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
    }
    try {
      byte[] b = Base64.getDecoder().decode(value);
      return b.length == 32 ? b : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    return b.parse(new ByteArrayInputStream(xml));
  }

  private static Element child(Element parent, String localName) {
    if (parent == null) {
      return null;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && NS.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        return e;
      }
    }
    return null;
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e
          && NS.equals(e.getNamespaceURI())
          && localName.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  private static String text(Element e) {
    if (e == null) {
      return null;
    }
    String t = e.getTextContent();
    return t == null ? null : t.strip();
  }
}
