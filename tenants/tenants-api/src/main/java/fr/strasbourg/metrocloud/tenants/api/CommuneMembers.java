package fr.strasbourg.metrocloud.tenants.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import java.util.List;
import java.util.Optional;

/**
 * The people of the caller's commune (members of its identity-provider organization), for assigning
 * a circuit step to a named person or delegating a signing right.
 */
public interface CommuneMembers {

  /** A person of the commune. */
  record Member(String subject, String username, String displayName, String email) {}

  /** Enabled members of the caller's commune, sorted by name (at most 1000). */
  List<Member> list(CallContext commune);

  /** A member of the caller's commune by login name (case-insensitive). */
  Optional<Member> find(CallContext commune, String username);
}
