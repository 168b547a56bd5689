package fr.strasbourg.metrocloud.archive.seda;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Produces SEDA 2.2 messages (UTF-8 bytes) with a StAX writer, so that all user text is escaped.
 *
 * <p>Reply codes: the schema types {@code ReplyCode} as a free token ({@code NonEmptyTokenType},
 * {@code BusinessReplyMessageType} in {@code seda-2.2-main.xsd}) and names no list. We use the
 * codes of the French state's SAE (Vitam) for SEDA 2.x replies: {@code OK} for an accepted
 * transfer, {@code KO} for a refused one; each reason of a refusal is an {@code Operation/Event}
 * with {@code Outcome=KO}, a machine code in {@code OutcomeDetail} and the French text in {@code
 * OutcomeDetailMessage}.
 */
public final class SedaMessages {

  /** Reply code of an accepted transfer. */
  public static final String REPLY_OK = "OK";

  /** Reply code of a refused transfer. */
  public static final String REPLY_KO = "KO";

  /** Value of the {@code algorithm} attribute of {@code MessageDigest}. */
  public static final String SHA_256 = "SHA-256";

  private static final Pattern NCNAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]*");
  private static final Pattern HEX_64 = Pattern.compile("[0-9a-fA-F]{64}");

  private SedaMessages() {}

  /** Description levels of SEDA 2.2 ({@code LevelType}). */
  public enum DescriptionLevel {
    FONDS("Fonds"),
    SUBFONDS("Subfonds"),
    CLASS("Class"),
    COLLECTION("Collection"),
    SERIES("Series"),
    SUBSERIES("Subseries"),
    RECORD_GRP("RecordGrp"),
    SUB_GRP("SubGrp"),
    FILE("File"),
    ITEM("Item"),
    OTHER_LEVEL("OtherLevel");

    private final String code;

    DescriptionLevel(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Final action of an appraisal rule ({@code FinalActionAppraisalCodeType}). */
  public enum FinalAction {
    KEEP("Keep"),
    DESTROY("Destroy");

    private final String code;

    FinalAction(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static FinalAction of(String code) {
      for (FinalAction a : values()) {
        if (a.code.equals(code)) {
          return a;
        }
      }
      throw new IllegalArgumentException("unknown final action " + code);
    }
  }

  /** Appraisal rule (DUA): rule id from the appraisal rule list, start date, final action. */
  public record AppraisalRule(String ruleId, LocalDate startDate, FinalAction finalAction) {
    public AppraisalRule {
      requireToken(ruleId, "ruleId");
      Objects.requireNonNull(finalAction, "finalAction");
    }
  }

  /** Access rule (communicability): rule id from the access rule list and start date. */
  public record AccessRule(String ruleId, LocalDate startDate) {
    public AccessRule {
      requireToken(ruleId, "ruleId");
    }
  }

  /** The archive unit transferred. {@code id} is an XML ID (NCName) inside the message. */
  public record Unit(
      String id,
      String title,
      DescriptionLevel level,
      String description,
      LocalDate startDate,
      LocalDate endDate,
      List<String> keywords,
      AppraisalRule appraisalRule,
      AccessRule accessRule) {
    public Unit {
      requireId(id, "unit id");
      requireToken(title, "title");
      Objects.requireNonNull(level, "level");
      keywords = keywords == null ? List.of() : List.copyOf(keywords);
      if (startDate != null && endDate != null && endDate.isBefore(startDate)) {
        throw new IllegalArgumentException("endDate before startDate");
      }
    }
  }

  /** A binary data object of the package: the file at {@code uri} inside the ZIP. */
  public record BinaryFile(
      String id, String fileName, String mimeType, long size, String sha256Hex, String uri) {
    public BinaryFile {
      requireId(id, "file id");
      requireToken(fileName, "fileName");
      requireToken(mimeType, "mimeType");
      requireToken(uri, "uri");
      if (size <= 0) {
        throw new IllegalArgumentException("size must be positive (SizeInBytesType)");
      }
      if (sha256Hex == null || !HEX_64.matcher(sha256Hex).matches()) {
        throw new IllegalArgumentException("sha256Hex must be 64 hex digits");
      }
      sha256Hex = sha256Hex.toLowerCase(Locale.ROOT);
    }
  }

  /** An ArchiveTransfer of one archive unit. */
  public record Transfer(
      String messageIdentifier,
      OffsetDateTime date,
      String comment,
      String archivalAgreement,
      String archivalAgency,
      String transferringAgency,
      String originatingAgency,
      Unit unit,
      List<BinaryFile> files) {
    public Transfer {
      requireToken(messageIdentifier, "messageIdentifier");
      Objects.requireNonNull(date, "date");
      requireToken(archivalAgency, "archivalAgency");
      requireToken(transferringAgency, "transferringAgency");
      requireToken(originatingAgency, "originatingAgency");
      Objects.requireNonNull(unit, "unit");
      files = files == null ? List.of() : List.copyOf(files);
    }
  }

  /** Common part of an ArchiveTransferReply. */
  public record ReplyHeader(
      String messageIdentifier,
      OffsetDateTime date,
      String comment,
      String messageRequestIdentifier,
      String archivalAgreement,
      String archivalAgency,
      String transferringAgency) {
    public ReplyHeader {
      requireToken(messageIdentifier, "messageIdentifier");
      Objects.requireNonNull(date, "date");
      requireToken(messageRequestIdentifier, "messageRequestIdentifier");
      requireToken(archivalAgency, "archivalAgency");
      requireToken(transferringAgency, "transferringAgency");
    }
  }

  /** A reason of refusal: machine code (English) and user-facing message (French). */
  public record Reason(String code, String message) {
    public Reason {
      requireToken(code, "code");
      requireToken(message, "message");
    }
  }

  /** The ArchiveTransfer message (the manifest of a transfer package). */
  public static byte[] archiveTransfer(Transfer t) {
    return write(
        w -> {
          w.writeStartElement("ArchiveTransfer");
          w.writeDefaultNamespace(SedaSchemas.NAMESPACE);
          header(w, t.comment(), t.date(), t.messageIdentifier(), t.archivalAgreement());
          w.writeStartElement("CodeListVersions");
          leaf(w, "ReplyCodeListVersion", "ReplyCodeListVersion0");
          leaf(
              w, "MessageDigestAlgorithmCodeListVersion", "MessageDigestAlgorithmCodeListVersion0");
          leaf(w, "MimeTypeCodeListVersion", "MimeTypeCodeListVersion0");
          leaf(w, "FileFormatCodeListVersion", "FileFormatCodeListVersion0");
          leaf(w, "AppraisalRuleCodeListVersion", "AppraisalRuleCodeListVersion0");
          leaf(w, "AccessRuleCodeListVersion", "AccessRuleCodeListVersion0");
          w.writeEndElement();

          w.writeStartElement("DataObjectPackage");
          for (BinaryFile f : t.files()) {
            w.writeStartElement("BinaryDataObject");
            w.writeAttribute("id", f.id());
            leaf(w, "Uri", f.uri());
            w.writeStartElement("MessageDigest");
            w.writeAttribute("algorithm", SHA_256);
            text(w, f.sha256Hex());
            w.writeEndElement();
            leaf(w, "Size", Long.toString(f.size()));
            w.writeStartElement("FormatIdentification");
            leaf(w, "MimeType", f.mimeType());
            w.writeEndElement();
            w.writeStartElement("FileInfo");
            leaf(w, "Filename", f.fileName());
            w.writeEndElement();
            w.writeEndElement();
          }
          w.writeStartElement("DescriptiveMetadata");
          unit(w, t);
          w.writeEndElement();
          w.writeStartElement("ManagementMetadata");
          leaf(w, "OriginatingAgencyIdentifier", t.originatingAgency());
          leaf(w, "SubmissionAgencyIdentifier", t.transferringAgency());
          w.writeEndElement();
          w.writeEndElement(); // DataObjectPackage

          agency(w, "ArchivalAgency", t.archivalAgency());
          agency(w, "TransferringAgency", t.transferringAgency());
          w.writeEndElement();
        });
  }

  /**
   * ArchiveTransferReply accepting a transfer: {@code ReplyCode=OK}, and the identifier the
   * archival agency gave the unit in {@code
   * DataObjectPackage/DescriptiveMetadata/ArchiveUnit[@id=unitId]/Content/ArchivalAgencyArchiveUnitIdentifier}.
   */
  public static byte[] acceptedReply(
      ReplyHeader h, OffsetDateTime grantDate, String unitId, String archivalAgencyUnitIdentifier) {
    requireId(unitId, "unitId");
    requireToken(archivalAgencyUnitIdentifier, "archivalAgencyUnitIdentifier");
    return write(
        w -> {
          replyStart(w, h);
          w.writeStartElement("DataObjectPackage");
          w.writeStartElement("DescriptiveMetadata");
          w.writeStartElement("ArchiveUnit");
          w.writeAttribute("id", unitId);
          w.writeStartElement("Content");
          leaf(w, "ArchivalAgencyArchiveUnitIdentifier", archivalAgencyUnitIdentifier);
          w.writeEndElement();
          w.writeEndElement();
          w.writeEndElement();
          w.writeEmptyElement("ManagementMetadata");
          w.writeEndElement();
          leaf(w, "ReplyCode", REPLY_OK);
          leaf(w, "MessageRequestIdentifier", h.messageRequestIdentifier());
          if (grantDate != null) {
            leaf(w, "GrantDate", dateTime(grantDate));
          }
          replyEnd(w, h);
        });
  }

  /** ArchiveTransferReply refusing a transfer: {@code ReplyCode=KO} and one event per reason. */
  public static byte[] rejectedReply(ReplyHeader h, List<Reason> reasons) {
    if (reasons == null || reasons.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs at least one reason");
    }
    return write(
        w -> {
          replyStart(w, h);
          leaf(w, "ReplyCode", REPLY_KO);
          w.writeStartElement("Operation");
          for (Reason r : reasons) {
            w.writeStartElement("Event");
            leaf(w, "EventTypeCode", "CHECK_TRANSFER");
            leaf(w, "EventType", "Contrôle du transfert");
            leaf(w, "EventDateTime", dateTime(h.date()));
            leaf(w, "Outcome", REPLY_KO);
            leaf(w, "OutcomeDetail", r.code());
            leaf(w, "OutcomeDetailMessage", r.message());
            w.writeEndElement();
          }
          w.writeEndElement();
          leaf(w, "MessageRequestIdentifier", h.messageRequestIdentifier());
          replyEnd(w, h);
        });
  }

  private static void replyStart(XMLStreamWriter w, ReplyHeader h) throws XMLStreamException {
    w.writeStartElement("ArchiveTransferReply");
    w.writeDefaultNamespace(SedaSchemas.NAMESPACE);
    header(w, h.comment(), h.date(), h.messageIdentifier(), h.archivalAgreement());
    w.writeStartElement("CodeListVersions");
    leaf(w, "ReplyCodeListVersion", "ReplyCodeListVersion0");
    w.writeEndElement();
  }

  private static void replyEnd(XMLStreamWriter w, ReplyHeader h) throws XMLStreamException {
    agency(w, "ArchivalAgency", h.archivalAgency());
    agency(w, "TransferringAgency", h.transferringAgency());
    w.writeEndElement();
  }

  private static void header(
      XMLStreamWriter w, String comment, OffsetDateTime date, String id, String agreement)
      throws XMLStreamException {
    if (comment != null && !comment.isEmpty()) {
      leaf(w, "Comment", comment);
    }
    leaf(w, "Date", dateTime(date));
    leaf(w, "MessageIdentifier", id);
    if (agreement != null && !agreement.isBlank()) {
      leaf(w, "ArchivalAgreement", agreement);
    }
  }

  private static void unit(XMLStreamWriter w, Transfer t) throws XMLStreamException {
    Unit u = t.unit();
    w.writeStartElement("ArchiveUnit");
    w.writeAttribute("id", u.id());
    if (u.appraisalRule() != null || u.accessRule() != null) {
      w.writeStartElement("Management");
      if (u.appraisalRule() != null) {
        w.writeStartElement("AppraisalRule");
        leaf(w, "Rule", u.appraisalRule().ruleId());
        if (u.appraisalRule().startDate() != null) {
          leaf(w, "StartDate", u.appraisalRule().startDate().toString());
        }
        leaf(w, "FinalAction", u.appraisalRule().finalAction().code());
        w.writeEndElement();
      }
      if (u.accessRule() != null) {
        w.writeStartElement("AccessRule");
        leaf(w, "Rule", u.accessRule().ruleId());
        if (u.accessRule().startDate() != null) {
          leaf(w, "StartDate", u.accessRule().startDate().toString());
        }
        w.writeEndElement();
      }
      w.writeEndElement();
    }
    w.writeStartElement("Content");
    leaf(w, "DescriptionLevel", u.level().code());
    leaf(w, "Title", u.title());
    if (u.description() != null && !u.description().isEmpty()) {
      leaf(w, "Description", u.description());
    }
    for (String k : u.keywords()) {
      w.writeStartElement("Keyword");
      leaf(w, "KeywordContent", k);
      w.writeEndElement();
    }
    agency(w, "OriginatingAgency", t.originatingAgency());
    if (u.startDate() != null) {
      leaf(w, "StartDate", u.startDate().toString());
    }
    if (u.endDate() != null) {
      leaf(w, "EndDate", u.endDate().toString());
    }
    w.writeEndElement(); // Content
    for (BinaryFile f : t.files()) {
      w.writeStartElement("DataObjectReference");
      leaf(w, "DataObjectReferenceId", f.id());
      w.writeEndElement();
    }
    w.writeEndElement();
  }

  private static void agency(XMLStreamWriter w, String name, String identifier)
      throws XMLStreamException {
    w.writeStartElement(name);
    leaf(w, "Identifier", identifier);
    w.writeEndElement();
  }

  private static void leaf(XMLStreamWriter w, String name, String value) throws XMLStreamException {
    w.writeStartElement(name);
    text(w, value);
    w.writeEndElement();
  }

  /** Writes text escaped by StAX; refuses characters XML 1.0 cannot carry at all. */
  private static void text(XMLStreamWriter w, String value) throws XMLStreamException {
    requireXmlChars(value);
    w.writeCharacters(value);
  }

  static String dateTime(OffsetDateTime d) {
    return d.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static void requireXmlChars(String s) {
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      boolean ok =
          c == 0x9
              || c == 0xA
              || c == 0xD
              || (c >= 0x20 && c <= 0xD7FF)
              || (c >= 0xE000 && c <= 0xFFFD)
              || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok) {
        throw new IllegalArgumentException(
            "character U+" + Integer.toHexString(c) + " is not allowed in XML");
      }
      i += Character.charCount(c);
    }
  }

  static void requireToken(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }

  static void requireId(String value, String what) {
    if (value == null || !NCNAME.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be an XML ID (NCName): " + value);
    }
  }

  @FunctionalInterface
  private interface Body {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w =
          XMLOutputFactory.newFactory().createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
      w.setDefaultNamespace(SedaSchemas.NAMESPACE);
      w.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
      body.write(w);
      w.writeEndDocument();
      w.flush();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("SEDA message cannot be written", e);
    }
    return out.toByteArray();
  }
}
