package fr.strasbourg.metrocloud.signatures.infrastructure;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.signatures.application.CommuneAuthorities;
import fr.strasbourg.metrocloud.signatures.application.PadesSignatures;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningException;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantResourceProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The commune's signing CA, issued by the platform root; its key is sealed with the commune's data
 * key (provisioned before). Decommissioning revokes it (the root's CRL lists it).
 */
@ApplicationScoped
public class SigningCaProvisioner implements TenantResourceProvisioner {

  public static final String KIND = "pki.signing-ca";

  @Inject CommuneAuthorities authorities;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int order() {
    return 200;
  }

  @Override
  public ProvisionedResource provision(
      ProvisioningTarget target,
      Map<String, ProvisionedResource> created,
      Map<String, String> handover)
      throws ProvisioningException {
    try {
      CommuneAuthorities.CommuneCa ca =
          authorities.ensure(context(target), PadesSignatures.communeLabel(target.name()));
      return new ProvisionedResource(
          KIND,
          ca.serial(),
          "Autorité de certification de signature de la commune (ECDSA P-256, émise par l'AC"
              + " racine de la plateforme)");
    } catch (RuntimeException e) {
      throw new ProvisioningException("autorité de signature : " + e.getMessage(), e);
    }
  }

  /** A CA created by a failed attempt has issued nothing: the retry adopts it. */
  @Override
  public void release(ProvisioningTarget target, ProvisionedResource resource) {
    // nothing to undo
  }

  @Override
  public void decommission(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException {
    try {
      authorities.revoke(context(target), Pki.REASON_CESSATION_OF_OPERATION);
    } catch (RuntimeException e) {
      throw new ProvisioningException(
          "révocation de l'autorité de signature : " + e.getMessage(), e);
    }
  }

  private static CallContext context(ProvisioningTarget target) {
    return CallContext.system("pki", TenantId.of(target.insee()));
  }
}
