package fr.strasbourg.metrocloud.archive.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a commune's archival agreement allows: which of its services may transfer, under which
 * retention rules. A transfer outside it is refused with the reasons.
 *
 * @param identifier the agreement's identifier, carried by SEDA messages ({@code
 *     ArchivalAgreement})
 * @param services the transferring services (originating agencies) it covers
 * @param rules the retention rule codes transfers may use
 */
public record ArchivalAgreement(
    String identifier, String label, Set<String> services, Set<String> rules, boolean active) {

  public ArchivalAgreement {
    Objects.requireNonNull(identifier, "identifier");
    services = Set.copyOf(services);
    rules = Set.copyOf(rules);
  }

  /** The reasons a transfer by {@code service} under {@code ruleCode} is outside the agreement. */
  public List<String> violations(String agreementOfTransfer, String service, String ruleCode) {
    List<String> out = new ArrayList<>();
    if (!identifier.equals(agreementOfTransfer)) {
      out.add(
          "Le versement cite la convention « "
              + agreementOfTransfer
              + " », pas « "
              + identifier
              + " ».");
      return out;
    }
    if (!active) {
      out.add("La convention d'archivage « " + identifier + " » n'est plus en vigueur.");
    }
    if (!services.contains(service)) {
      out.add(
          "Le service « "
              + service
              + " » n'est pas couvert par la convention « "
              + identifier
              + " ».");
    }
    if (!rules.contains(ruleCode)) {
      out.add(
          "La règle de conservation « "
              + ruleCode
              + " » n'est pas prévue par la convention « "
              + identifier
              + " ».");
    }
    return out;
  }
}
