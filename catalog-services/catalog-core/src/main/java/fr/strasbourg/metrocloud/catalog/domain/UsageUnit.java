package fr.strasbourg.metrocloud.catalog.domain;

/** The unit in which a service's usage is counted and priced. */
public enum UsageUnit {
  SIGNATURE("signature", "signature"),
  GB_MONTH("gb-month", "Go·mois"),
  AGENT_MONTH("agent-month", "agent actif·mois"),
  MONTH("month", "mois");

  private final String code;
  private final String labelFr;

  UsageUnit(String code, String labelFr) {
    this.code = code;
    this.labelFr = labelFr;
  }

  public String code() {
    return code;
  }

  public String labelFr() {
    return labelFr;
  }

  public static UsageUnit ofCode(String code) {
    for (UsageUnit u : values()) {
      if (u.code.equals(code)) {
        return u;
      }
    }
    throw new IllegalArgumentException("Unknown usage unit " + code);
  }
}
