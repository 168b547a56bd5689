package fr.strasbourg.metrocloud.documents.interfaces.rest;

import fr.strasbourg.metrocloud.documents.application.DocumentMaintenance;
import fr.strasbourg.metrocloud.documents.application.ExtractionSteps;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The DSI runs the GED's maintenance of one commune on demand (it also runs periodically on every
 * instance).
 */
@Path("tenants/{insee}/documents/maintenance")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents (GED)")
public class DocumentsMaintenanceResource {

  @Inject CallContext caller;

  @Inject DocumentMaintenance maintenance;

  /** What the maintenance did. */
  public record MaintenanceReport(
      int orphansRemoved,
      int missingObjects,
      int purged,
      LocalDate storageSnapshotDay,
      long storedBytes,
      BigDecimal gbMonth,
      boolean storageSnapshotRecorded) {}

  @POST
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Reconcile a commune's objects with its documents (orphans removed, missing objects reported) and purge"
              + " its expired trash (operator)")
  public MaintenanceReport run(@PathParam("insee") String insee) {
    if (!InseeCode.isValid(insee)) {
      throw new BadRequestProblem(
          "invalid-insee-code", "Code INSEE invalide (5 caractères attendus, ex. 67482).");
    }
    caller.requireOperator();
    TenantId tenant = TenantId.of(InseeCode.of(insee));
    DocumentMaintenance.Reconciliation reconciliation = maintenance.reconcileObjects(tenant);
    int purged = maintenance.purgeTrash(tenant);
    ExtractionSteps.StorageSnapshot snapshot = maintenance.snapshotStorage(tenant);
    return new MaintenanceReport(
        reconciliation.orphansRemoved(),
        reconciliation.missingObjects(),
        purged,
        snapshot.day(),
        snapshot.storedBytes(),
        snapshot.gbMonth(),
        snapshot.recorded());
  }
}
