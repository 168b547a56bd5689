package fr.strasbourg.metrocloud.archive.interfaces.rest;

import fr.strasbourg.metrocloud.archive.application.ArchiveJournal;
import fr.strasbourg.metrocloud.archive.application.ArchiveViews;
import fr.strasbourg.metrocloud.archive.application.FixityAudit;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.SealDto;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnavailableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The DSI's operations on a commune's archive: fixity audit on demand, journal seal. */
@Path("tenants/{insee}/archive")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Archive (SAE)")
public class ArchiveOperationsResource {

  @Inject CallContext caller;

  @Inject FixityAudit fixity;

  @Inject FixityAudit.Steps runs;

  @Inject ArchiveJournal journal;

  @Inject AuditTrail audit;

  @Inject TenantDirectory directory;

  @Inject fr.strasbourg.metrocloud.archive.application.ArchiveUnits units;

  @Inject fr.strasbourg.metrocloud.archive.application.ArchiveDisposal disposal;

  @Inject fr.strasbourg.metrocloud.archive.application.AutoArchive autoArchive;

  @Inject fr.strasbourg.metrocloud.archive.application.ArchivePackages packages;

  @POST
  @Path("fixity-audits")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Run a fixity audit of a commune's archive now (operator): every object re-read and"
              + " compared with its fingerprint")
  public ArchiveViews.FixityRun audit(@PathParam("insee") String insee) {
    CallContext commune = commune(insee);
    ArchiveViews.FixityRun run =
        fixity
            .run(commune, "ON_DEMAND", caller.actor().displayName())
            .orElseThrow(() -> new ConflictProblem("audit-skipped", "Audit non lancé."));
    if (run.unreachable()) {
      throw new UnavailableProblem(
              "storage-unavailable",
              "Le stockage est injoignable : l'audit s'est arrêté après "
                  + run.checked()
                  + " objets.")
          .with("run", run.id().toString());
    }
    return run;
  }

  @GET
  @Path("fixity-audits")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "A commune's latest fixity audits (operator)")
  public java.util.List<ArchiveViews.FixityRun> audits(@PathParam("insee") String insee) {
    return runs.latest(commune(insee), 20);
  }

  @POST
  @Path("journal/seals")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Seal the head of a commune's archive journal now (operator)")
  public SealDto seal(@PathParam("insee") String insee) {
    CallContext commune = commune(insee);
    ArchiveViews.Seal seal =
        journal
            .sealHead(commune)
            .orElseThrow(
                () -> new ConflictProblem("journal-empty", "Le journal de la commune est vide."));
    audit.recordIndependently(
        commune,
        AuditRecord.success("archive.journal.sealed", "archive-journal", String.valueOf(seal.seq()))
            .withDetail("hash", seal.hash()));
    return SealDto.of(seal);
  }

  @GET
  @Path("journal/verification")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Verify a commune's archive journal and its seals (operator)")
  public ArchiveJournal.Verification verify(@PathParam("insee") String insee) {
    return journal.verify(commune(insee));
  }

  @GET
  @Path("export")
  @Produces({"application/zip", MediaType.APPLICATION_JSON})
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Export every archived unit of a commune as SEDA 2.2 packages with its journal and seals"
              + " (operator; required before decommissioning a commune that holds archives)")
  public jakarta.ws.rs.core.Response export(@PathParam("insee") String insee) {
    CallContext commune = commune(insee);
    jakarta.ws.rs.core.StreamingOutput stream = out -> packages.exportAll(commune, out);
    return jakarta.ws.rs.core.Response.ok(stream, "application/zip")
        .header("Content-Disposition", "attachment; filename=\"archives-" + insee + "-seda.zip\"")
        .header("Cache-Control", "private, no-store")
        .build();
  }

  @POST
  @Path("maintenance")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Run a commune's archive maintenance now (operator): seal the past week's journal days,"
              + " record today's archived-bytes usage, purge destroyed objects, archive the signed"
              + " documents waiting")
  public java.util.Map<String, Object> maintenance(@PathParam("insee") String insee) {
    CallContext commune = commune(insee);
    int sealed = 0;
    java.time.LocalDate today = java.time.LocalDate.now(ArchiveJournal.PARIS);
    for (int back = 7; back >= 1; back--) {
      if (journal.sealDay(commune, today.minusDays(back)).isPresent()) {
        sealed++;
      }
    }
    java.math.BigDecimal gbMonth = units.snapshotStorage(commune, today);
    int purged = disposal.purgeDestroyed(commune);
    int archived = autoArchive.process(commune);
    return java.util.Map.of(
        "daysSealed", sealed,
        "gbMonth", gbMonth,
        "objectsPurged", purged,
        "signedDocumentsArchived", archived);
  }

  private CallContext commune(String insee) {
    if (!InseeCode.isValid(insee)) {
      throw new BadRequestProblem(
          "invalid-insee-code", "Code INSEE invalide (5 caractères attendus, ex. 67482).");
    }
    caller.requireOperator();
    if (directory.find(caller, InseeCode.of(insee)).isEmpty()) {
      throw new NotFoundProblem("tenant-not-found", "Commune inconnue : " + insee);
    }
    return caller.actingOn(InseeCode.of(insee));
  }
}
