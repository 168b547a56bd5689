package fr.strasbourg.metrocloud.kernel.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal that the API reports as an RFC 9457 problem document. Subclasses fix the HTTP status;
 * the {@code code} is stable and documented (clients branch on it), the {@code detail} is for
 * people and written in French.
 */
public abstract class Problem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String title;
  private final Map<String, Object> extensions = new LinkedHashMap<>();

  protected Problem(int status, String code, String title, String detail) {
    super(detail);
    this.status = status;
    this.code = Objects.requireNonNull(code);
    this.title = Objects.requireNonNull(title);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  /**
   * Adds an extension member (e.g. {@code service}, {@code tenant}); values must be JSON scalars or
   * lists of them.
   */
  public Problem with(String member, Object value) {
    extensions.put(member, value);
    return this;
  }

  public Map<String, Object> extensions() {
    return Collections.unmodifiableMap(extensions);
  }
}
