package fr.strasbourg.metrocloud.signatures.application;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.signatures.api.SignerRevocation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@link SignerRevocation} over the commune's signer certificates (its CRL lists them). */
@ApplicationScoped
public class SignerRevocationService implements SignerRevocation {

  @Inject SignerCertificates certificates;

  @Override
  public int revokeAll(CallContext commune, String username, int reason) {
    return certificates.revoke(commune, username, reason).size();
  }
}
