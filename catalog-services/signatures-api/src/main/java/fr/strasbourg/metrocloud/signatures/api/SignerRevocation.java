package fr.strasbourg.metrocloud.signatures.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;

/** Revokes the signing certificates of a person of the commune (an agent who leaves). */
public interface SignerRevocation {

  /** RFC 5280 reason {@code affiliationChanged}: the person left the commune. */
  int AFFILIATION_CHANGED = 3;

  /** Revokes every usable certificate of the login; returns how many were revoked. */
  int revokeAll(CallContext commune, String username, int reason);
}
