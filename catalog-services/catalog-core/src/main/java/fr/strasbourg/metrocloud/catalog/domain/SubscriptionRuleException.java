package fr.strasbourg.metrocloud.catalog.domain;

/**
 * A subscription change that the rules refuse; {@link #code()} is the problem code reported to the
 * client.
 */
public class SubscriptionRuleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public SubscriptionRuleException(String code, String messageFr) {
    super(messageFr);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
