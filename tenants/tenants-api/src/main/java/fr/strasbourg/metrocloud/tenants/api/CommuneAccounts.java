package fr.strasbourg.metrocloud.tenants.api;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;

/**
 * The agents' accounts in the identity provider, as the commune's HR software declares them:
 * newcomers get an account in the commune's organization, leavers have theirs disabled. An account
 * of another commune (or of the Eurométropole) is never touched.
 */
public interface CommuneAccounts {

  /** What {@link #ensureAgent} did. */
  enum Outcome {
    /** A new account, member of the commune, with the agent role; no password yet. */
    CREATED,
    /** The commune's account existed (names and e-mail brought up to date). */
    EXISTING,
    /** The commune's account existed but was disabled: enabled again (a returning agent). */
    REENABLED,
    /** The login belongs to somebody who is not a member of this commune only: left alone. */
    TAKEN
  }

  Outcome ensureAgent(
      CallContext commune, String username, String firstName, String lastName, String email);

  /** Disables the commune's account of that login; returns whether it was enabled. */
  boolean disable(CallContext commune, String username);
}
