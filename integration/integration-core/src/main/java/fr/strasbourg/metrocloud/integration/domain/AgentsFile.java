package fr.strasbourg.metrocloud.integration.domain;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The agents file an HR software exports: CSV with a header line, separator {@code ;} or {@code ,}
 * (or tab), UTF-8 or ISO-8859-1 (Windows-1252) told apart line by line. A line is either an agent
 * or an error with its line number (the header is line 1) and the reason in French; the file as a
 * whole is refused only when it cannot be read at all (empty, required columns missing).
 *
 * <p>Columns (platform names; a connector's mappings rename them to the vendor's): {@code
 * identifiant, nom, prenom, courriel} required; {@code matricule, service, responsable, rythme,
 * solde_ca, solde_rtt, solde_cet, date_sortie} optional.
 */
public final class AgentsFile {

  public static final List<String> REQUIRED = List.of("identifiant", "nom", "prenom", "courriel");

  public static final List<String> OPTIONAL =
      List.of(
          "matricule",
          "service",
          "responsable",
          "rythme",
          "solde_ca",
          "solde_rtt",
          "solde_cet",
          "date_sortie");

  /** Leave balance columns and the leave type each one sets. */
  public static final Map<String, String> BALANCES =
      Map.of("solde_ca", "CA", "solde_rtt", "RTT", "solde_cet", "CET");

  /** Names vendors commonly use, accepted without a mapping. */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("login", "identifiant"),
          Map.entry("email", "courriel"),
          Map.entry("e_mail", "courriel"),
          Map.entry("mail", "courriel"),
          Map.entry("prenom_usuel", "prenom"),
          Map.entry("nom_usuel", "nom"),
          Map.entry("manager", "responsable"),
          Map.entry("rythme_de_travail", "rythme"),
          Map.entry("date_de_sortie", "date_sortie"));

  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s;,<>\"]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
  private static final Pattern PATTERN =
      Pattern.compile(
          "(MON|TUE|WED|THU|FRI|SAT|SUN)(_AM|_PM)?(,(MON|TUE|WED|THU|FRI|SAT|SUN)(_AM|_PM)?)*");
  private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu");
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** How the file's bytes are to be read. */
  public enum Encoding {
    /** Each line: UTF-8 when it is valid UTF-8, else ISO-8859-1 (Windows-1252). */
    AUTO,
    UTF_8,
    ISO_8859_1;

    public static Encoding of(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      return switch (v) {
        case "UTF_8", "UTF8" -> UTF_8;
        case "ISO_8859_1", "LATIN_1", "LATIN1", "WINDOWS_1252", "CP1252" -> ISO_8859_1;
        default -> AUTO;
      };
    }
  }

  /** An agent as a line of the file gives it. */
  public record AgentLine(
      int line,
      String username,
      String lastName,
      String firstName,
      String email,
      String employeeId,
      String service,
      String manager,
      String workingPattern,
      Map<String, BigDecimal> balances,
      LocalDate leavingDate,
      String fingerprint) {

    public String displayName() {
      return firstName + " " + lastName;
    }

    /** Whether the agent has left on {@code today}. */
    public boolean leftOn(LocalDate today) {
      return leavingDate != null && !leavingDate.isAfter(today);
    }
  }

  /** A line that was not applied, and why. */
  public record LineError(int line, String identifier, String reason) {}

  /**
   * @param encoding {@code UTF-8}, {@code ISO-8859-1} or {@code MIXTE} (both met)
   * @param lines data lines read (blank lines not counted)
   */
  public record Parsed(
      String encoding, List<AgentLine> agents, List<LineError> errors, int lines) {}

  /** The file cannot be read as a whole. */
  public static final class Unreadable extends RuntimeException {
    private final String code;

    public Unreadable(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private AgentsFile() {}

  /**
   * Reads the file.
   *
   * @param mappings platform column name → the vendor's column name (as written in its header)
   */
  public static Parsed parse(byte[] content, Map<String, String> mappings, Encoding declared) {
    List<byte[]> raw = splitLines(content);
    int headerIndex = 0;
    while (headerIndex < raw.size() && isBlank(raw.get(headerIndex))) {
      headerIndex++;
    }
    if (headerIndex == raw.size()) {
      throw new Unreadable("empty-file", "Le fichier est vide : une ligne d'en-tête est attendue.");
    }
    Decoded headerLine = decode(stripBom(raw.get(headerIndex)), declared);
    if (headerLine.error() != null) {
      throw new Unreadable("unreadable-header", "En-tête illisible : " + headerLine.error());
    }
    char separator = separatorOf(headerLine.text());
    List<String> header = fields(headerLine.text(), separator);
    if (header == null) {
      throw new Unreadable("unreadable-header", "En-tête illisible : guillemet non fermé.");
    }
    Map<String, Integer> columns = columns(header, mappings);
    List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new Unreadable(
          "missing-columns",
          "Colonnes obligatoires absentes : "
              + String.join(", ", missing.stream().map(c -> vendorName(c, mappings)).toList())
              + ". Colonnes lues : "
              + String.join(", ", header)
              + " (séparateur « "
              + (separator == '\t' ? "tabulation" : String.valueOf(separator))
              + " »).");
    }
    List<AgentLine> agents = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    Map<String, AgentLine> seen = new LinkedHashMap<>();
    boolean utf8 = false;
    boolean latin = false;
    int lines = 0;
    for (int i = headerIndex + 1; i < raw.size(); i++) {
      int number = i + 1;
      byte[] bytes = raw.get(i);
      if (isBlank(bytes)) {
        continue;
      }
      lines++;
      Decoded decoded = decode(bytes, declared);
      if (decoded.error() != null) {
        errors.add(new LineError(number, null, decoded.error()));
        continue;
      }
      utf8 |= decoded.charset() == StandardCharsets.UTF_8;
      latin |= decoded.charset() == WINDOWS_1252;
      List<String> values = fields(decoded.text(), separator);
      if (values == null) {
        errors.add(new LineError(number, null, "Guillemet non fermé."));
        continue;
      }
      String identifier = value(values, columns, "identifiant");
      String id = identifier == null ? null : identifier.toLowerCase(Locale.ROOT);
      if (values.size() < header.size()) {
        errors.add(
            new LineError(
                number,
                id,
                values.size()
                    + " champ(s) au lieu de "
                    + header.size()
                    + " : colonnes manquantes sur la ligne (séparateur « "
                    + separator
                    + " » attendu)."));
        continue;
      }
      if (values.size() > header.size()
          && values.subList(header.size(), values.size()).stream().anyMatch(v -> !v.isBlank())) {
        errors.add(
            new LineError(
                number,
                id,
                values.size()
                    + " champs au lieu de "
                    + header.size()
                    + " : valeur contenant le séparateur sans guillemets ?"));
        continue;
      }
      try {
        AgentLine agent = agent(number, values, columns);
        AgentLine earlier = seen.get(agent.username());
        if (earlier != null) {
          errors.add(
              new LineError(
                  number,
                  agent.username(),
                  earlier.fingerprint().equals(agent.fingerprint())
                      ? "Ligne en double de la ligne " + earlier.line() + " (appliquée une fois)."
                      : "Agent déjà présent ligne "
                          + earlier.line()
                          + " avec d'autres valeurs : ligne ignorée."));
          continue;
        }
        seen.put(agent.username(), agent);
        agents.add(agent);
      } catch (IllegalArgumentException e) {
        errors.add(new LineError(number, id, e.getMessage()));
      }
    }
    String encoding = utf8 && latin ? "MIXTE" : latin ? "ISO-8859-1" : "UTF-8";
    return new Parsed(encoding, agents, errors, lines);
  }

  private static AgentLine agent(int number, List<String> values, Map<String, Integer> columns) {
    String username = value(values, columns, "identifiant");
    if (username == null) {
      throw new IllegalArgumentException("Identifiant manquant.");
    }
    username = username.toLowerCase(Locale.ROOT);
    if (!LOGIN.matcher(username).matches()) {
      throw new IllegalArgumentException(
          "Identifiant invalide « "
              + username
              + " » : lettres sans accent, chiffres, . _ @ - (2 à 100 caractères).");
    }
    String last = required(values, columns, "nom", "Nom", 100);
    String first = required(values, columns, "prenom", "Prénom", 100);
    String email = value(values, columns, "courriel");
    if (email == null) {
      throw new IllegalArgumentException("Courriel manquant.");
    }
    if (!EMAIL.matcher(email).matches() || email.length() > 254) {
      throw new IllegalArgumentException("Courriel invalide « " + email + " ».");
    }
    String employeeId = optional(values, columns, "matricule", "Matricule", 50);
    String service = optional(values, columns, "service", "Service", 200);
    String manager = value(values, columns, "responsable");
    if (manager != null) {
      manager = manager.toLowerCase(Locale.ROOT);
      if (!LOGIN.matcher(manager).matches()) {
        throw new IllegalArgumentException(
            "Identifiant du responsable invalide « " + manager + " ».");
      }
      if (manager.equals(username)) {
        throw new IllegalArgumentException("Un agent ne peut pas être son propre responsable.");
      }
    }
    String pattern = value(values, columns, "rythme");
    if (pattern != null) {
      pattern = pattern.toUpperCase(Locale.ROOT).replace(" ", "");
      if (!PATTERN.matcher(pattern).matches()) {
        throw new IllegalArgumentException(
            "Rythme de travail invalide « " + pattern + " » : exemple MON,TUE,WED_AM,THU,FRI.");
      }
    }
    Map<String, BigDecimal> balances = new TreeMap<>();
    for (Map.Entry<String, String> b : BALANCES.entrySet()) {
      String v = value(values, columns, b.getKey());
      if (v != null) {
        balances.put(b.getValue(), days(v, b.getKey()));
      }
    }
    LocalDate leaving = null;
    String date = value(values, columns, "date_sortie");
    if (date != null) {
      try {
        leaving = date.contains("/") ? LocalDate.parse(date, FRENCH_DATE) : LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "Date de sortie invalide « " + date + " » : JJ/MM/AAAA ou AAAA-MM-JJ.");
      }
    }
    String fingerprint =
        sha256(
            String.join(
                "\u0000",
                username,
                last,
                first,
                email.toLowerCase(Locale.ROOT),
                String.valueOf(employeeId),
                String.valueOf(service),
                String.valueOf(manager),
                String.valueOf(pattern),
                balances.toString(),
                String.valueOf(leaving)));
    return new AgentLine(
        number,
        username,
        last,
        first,
        email,
        employeeId,
        service,
        manager,
        pattern,
        Map.copyOf(balances),
        leaving,
        fingerprint);
  }

  private static BigDecimal days(String value, String column) {
    BigDecimal days;
    try {
      days = new BigDecimal(value.replace(',', '.').replace(" ", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Solde invalide en " + column + " « " + value + " » : un nombre de jours (ex. 12,5).");
    }
    if (days.signum() < 0
        || days.compareTo(BigDecimal.valueOf(999)) > 0
        || days.multiply(BigDecimal.valueOf(2)).stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "Solde invalide en "
              + column
              + " « "
              + value
              + " » : jours et demi-journées de 0 à 999 (ex. 12,5).");
    }
    return days.setScale(1, java.math.RoundingMode.UNNECESSARY);
  }

  private static String required(
      List<String> values, Map<String, Integer> columns, String column, String label, int max) {
    String v = value(values, columns, column);
    if (v == null) {
      throw new IllegalArgumentException(label + " manquant.");
    }
    if (v.length() > max) {
      throw new IllegalArgumentException(label + " trop long (" + max + " caractères au plus).");
    }
    return v;
  }

  private static String optional(
      List<String> values, Map<String, Integer> columns, String column, String label, int max) {
    String v = value(values, columns, column);
    if (v != null && v.length() > max) {
      throw new IllegalArgumentException(label + " trop long (" + max + " caractères au plus).");
    }
    return v;
  }

  private static String value(List<String> values, Map<String, Integer> columns, String column) {
    Integer index = columns.get(column);
    if (index == null || index >= values.size()) {
      return null;
    }
    String v = values.get(index).strip();
    return v.isEmpty() ? null : v;
  }

  /** Platform column → its index in the header. */
  private static Map<String, Integer> columns(List<String> header, Map<String, String> mappings) {
    Map<String, String> vendorToPlatform = new LinkedHashMap<>();
    for (Map.Entry<String, String> m : mappings.entrySet()) {
      if (m.getValue() != null && !m.getValue().isBlank()) {
        vendorToPlatform.put(normalize(m.getValue()), normalize(m.getKey()));
      }
    }
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = normalize(header.get(i));
      String platform = vendorToPlatform.getOrDefault(name, ALIASES.getOrDefault(name, name));
      columns.putIfAbsent(platform, i);
    }
    return columns;
  }

  private static String vendorName(String column, Map<String, String> mappings) {
    String vendor = mappings.get(column);
    return vendor == null || vendor.isBlank() ? column : vendor + " (" + column + ")";
  }

  /** {@code "Prénom usuel "} → {@code prenom_usuel}. */
  static String normalize(String name) {
    String n =
        Normalizer.normalize(name.strip(), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    return n.replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
  }

  private static char separatorOf(String header) {
    char best = ';';
    long bestCount = -1;
    for (char c : new char[] {';', ',', '\t'}) {
      long count = header.chars().filter(ch -> ch == c).count();
      if (count > bestCount) {
        best = c;
        bestCount = count;
      }
    }
    return best;
  }

  /** The line's fields; null when a quote is not closed. */
  static List<String> fields(String line, char separator) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else if (c == separator) {
        out.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      return null;
    }
    out.add(field.toString());
    return out;
  }

  private record Decoded(String text, Charset charset, String error) {}

  private static Decoded decode(byte[] bytes, Encoding declared) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new Decoded(new String(bytes, StandardCharsets.US_ASCII), null, null);
    }
    String utf8 = strictUtf8(bytes);
    return switch (declared) {
      case AUTO ->
          utf8 != null
              ? new Decoded(utf8, StandardCharsets.UTF_8, null)
              : new Decoded(new String(bytes, WINDOWS_1252), WINDOWS_1252, null);
      case UTF_8 ->
          utf8 != null
              ? new Decoded(utf8, StandardCharsets.UTF_8, null)
              : new Decoded(
                  null,
                  null,
                  "Caractères invalides en UTF-8 (octet 0x"
                      + HexFormat.of().withUpperCase().toHexDigits(bytes[invalidAt(bytes)])
                      + " en position "
                      + (invalidAt(bytes) + 1)
                      + ") : la ligne semble enregistrée en ISO-8859-1 (Latin-1) alors que le"
                      + " connecteur annonce UTF-8.");
      case ISO_8859_1 ->
          utf8 != null
              ? new Decoded(
                  null,
                  null,
                  "Ligne encodée en UTF-8 alors que le connecteur annonce ISO-8859-1 : les"
                      + " accents seraient altérés (« "
                      + new String(bytes, WINDOWS_1252).strip()
                      + " »).")
              : new Decoded(new String(bytes, WINDOWS_1252), WINDOWS_1252, null);
    };
  }

  /** Index of the first byte that is not UTF-8. */
  private static int invalidAt(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.charset.CoderResult result =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(in, java.nio.CharBuffer.allocate(bytes.length + 1), true);
    return result.isError() ? in.position() : -1;
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] stripBom(byte[] line) {
    if (line.length >= 3
        && (line[0] & 0xff) == 0xEF
        && (line[1] & 0xff) == 0xBB
        && (line[2] & 0xff) == 0xBF) {
      return java.util.Arrays.copyOfRange(line, 3, line.length);
    }
    return line;
  }

  private static List<byte[]> splitLines(byte[] content) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        int end = i;
        if (end > start && content[end - 1] == '\r') {
          end--;
        }
        if (i < content.length || end > start) {
          lines.add(java.util.Arrays.copyOfRange(content, start, end));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != ';' && b != ',') {
        return false;
      }
    }
    return true;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
