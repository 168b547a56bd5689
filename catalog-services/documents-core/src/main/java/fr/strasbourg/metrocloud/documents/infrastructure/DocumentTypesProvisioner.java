package fr.strasbourg.metrocloud.documents.infrastructure;

import fr.strasbourg.metrocloud.documents.domain.DocumentRepository;
import fr.strasbourg.metrocloud.documents.domain.DocumentType;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningException;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantResourceProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Map;

/**
 * The commune's list of document types, seeded with the usual ones (idempotent: adds only what is
 * missing).
 */
@ApplicationScoped
public class DocumentTypesProvisioner implements TenantResourceProvisioner {

  public static final String KIND = "documents.types";

  @Inject Seeder seeder;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public int order() {
    return 300;
  }

  @Override
  public ProvisionedResource provision(
      ProvisioningTarget target,
      Map<String, ProvisionedResource> created,
      Map<String, String> handover)
      throws ProvisioningException {
    try {
      int count = seeder.seed(CallContext.system("documents", TenantId.of(target.insee())));
      return new ProvisionedResource(
          KIND, count + " types", "Types de documents de la GED de la commune");
    } catch (RuntimeException e) {
      throw new ProvisioningException("types de documents : " + e.getMessage(), e);
    }
  }

  /** Rows of a commune that failed provisioning harm nothing; a retry adopts them. */
  @Override
  public void release(ProvisioningTarget target, ProvisionedResource resource) {
    // nothing to undo
  }

  /** Seeds in the commune's transaction. */
  @ApplicationScoped
  public static class Seeder {
    @Inject DocumentRepository repository;

    @Inject Clock clock;

    @Transactional
    @TenantBound
    public int seed(CallContext commune) {
      for (String[] type : DocumentType.DEFAULTS) {
        if (repository.type(type[0]).isEmpty()) {
          repository.add(
              DocumentType.of(commune.tenant().value(), type[0], type[1], clock.instant()));
        }
      }
      return repository.types().size();
    }
  }
}
