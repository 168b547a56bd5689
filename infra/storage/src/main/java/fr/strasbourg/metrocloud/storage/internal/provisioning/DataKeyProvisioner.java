package fr.strasbourg.metrocloud.storage.internal.provisioning;

import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.storage.internal.keys.TenantKeyring;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningException;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantResourceProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The commune's data key. Decommissioning destroys it: crypto-shredding of every object of the
 * commune.
 */
@ApplicationScoped
public class DataKeyProvisioner implements TenantResourceProvisioner {

  public static final String KIND = "crypto.data-key";

  @Inject TenantKeyring keyring;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int order() {
    return 100;
  }

  @Override
  public ProvisionedResource provision(
      ProvisioningTarget target,
      Map<String, ProvisionedResource> created,
      Map<String, String> handover)
      throws ProvisioningException {
    try {
      return new ProvisionedResource(
          KIND,
          keyring.ensureKey(context(target)).toString(),
          "Clé de chiffrement des objets de la commune (AES-256, enveloppée par la clé maître)");
    } catch (RuntimeException e) {
      throw new ProvisioningException("clé de chiffrement : " + e.getMessage(), e);
    }
  }

  /** A key created by a failed attempt protects nothing yet: keeping it lets the retry adopt it. */
  @Override
  public void release(ProvisioningTarget target, ProvisionedResource resource) {
    // nothing to undo
  }

  @Override
  public void decommission(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException {
    try {
      keyring.destroy(context(target));
    } catch (RuntimeException e) {
      throw new ProvisioningException("destruction de la clé : " + e.getMessage(), e);
    }
  }

  static CallContext context(ProvisioningTarget target) {
    return CallContext.system("storage", TenantId.of(target.insee()));
  }
}
