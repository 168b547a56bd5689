package fr.strasbourg.metrocloud.storage.internal.provisioning;

import fr.strasbourg.metrocloud.storage.StorageUnavailableException;
import fr.strasbourg.metrocloud.storage.internal.minio.MinioObjectStore;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningException;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantResourceProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The commune's bucket. Decommissioning (after the data key was destroyed, in reverse order)
 * removes its objects and the bucket itself.
 */
@ApplicationScoped
public class BucketProvisioner implements TenantResourceProvisioner {

  public static final String KIND = "s3.bucket";

  @Inject MinioObjectStore store;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int order() {
    return 110;
  }

  @Override
  public ProvisionedResource provision(
      ProvisioningTarget target,
      Map<String, ProvisionedResource> created,
      Map<String, String> handover)
      throws ProvisioningException {
    try {
      String bucket = store.ensureBucket(DataKeyProvisioner.context(target));
      return new ProvisionedResource(KIND, bucket, "Compartiment de stockage objet de la commune");
    } catch (StorageUnavailableException e) {
      throw new ProvisioningException(e.getMessage(), e);
    }
  }

  /** Compensation: the bucket was just created and is empty. */
  @Override
  public void release(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException {
    decommission(target, resource);
  }

  @Override
  public void decommission(ProvisioningTarget target, ProvisionedResource resource)
      throws ProvisioningException {
    try {
      store.removeBucket(DataKeyProvisioner.context(target));
    } catch (StorageUnavailableException e) {
      throw new ProvisioningException(e.getMessage(), e);
    }
  }
}
