package fr.strasbourg.metrocloud.audit.interfaces.rest;

import fr.strasbourg.metrocloud.audit.application.AuditQueries;
import fr.strasbourg.metrocloud.audit.application.AuditVerification;
import fr.strasbourg.metrocloud.audit.domain.AuditEvent;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail over HTTP. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit", description = "Hash-chained audit trail per commune")
public class AuditResource {

  static final int MAX_PAGE = 200;

  @Inject CallContext caller;

  @Inject AuditVerification verification;

  @Inject AuditQueries queries;

  /** Verification report of one tenant's chain. */
  public record VerificationDto(
      String tenant,
      boolean valid,
      long verifiedEntries,
      String lastHash,
      BrokenEntryDto firstBrokenEntry) {}

  /** Where and why a chain stops verifying. */
  public record BrokenEntryDto(long seq, String reason) {}

  /** One audit entry as the API shows it. */
  public record AuditEventDto(
      String tenant,
      long seq,
      UUID id,
      Instant occurredAt,
      String actor,
      String actorKind,
      String action,
      String targetType,
      String targetId,
      String outcome,
      JsonObject details,
      String hash) {}

  @GET
  @Path("verify")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Verify a tenant's audit chain and report the first broken entry (operator)")
  public VerificationDto verify(@QueryParam("tenant") String tenant) {
    AuditVerification.Report report =
        verification.verify(caller.requireOperator(), parseTenant(tenant));
    return new VerificationDto(
        report.tenant().value(),
        report.valid(),
        report.verifiedEntries(),
        report.lastHash(),
        report.failure().map(f -> new BrokenEntryDto(f.seq(), f.reason().name())).orElse(null));
  }

  @GET
  @Path("events")
  @RolesAllowed({Role.Names.PLATFORM_OPERATOR, Role.Names.COMMUNE_ADMIN})
  @Operation(
      summary = "Latest audit entries of the caller's commune (operator: of the given tenant)")
  public List<AuditEventDto> events(
      @QueryParam("tenant") String tenant,
      @QueryParam("beforeSeq") @DefaultValue("9223372036854775807") long beforeSeq,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new BadRequestProblem(
          "invalid-limit", "Le paramètre limit doit être compris entre 1 et " + MAX_PAGE + ".");
    }
    TenantId target;
    if (caller.isOperator()) {
      target = parseTenant(tenant);
    } else {
      target = caller.tenant();
      if (tenant != null && !tenant.equals(target.value())) {
        throw new NotFoundProblem(
            "tenant-not-found", "Commune inconnue : " + abbreviate(tenant) + ".");
      }
    }
    return queries.latest(caller, target, beforeSeq, limit).stream()
        .map(AuditResource::toDto)
        .toList();
  }

  private static AuditEventDto toDto(AuditEvent e) {
    JsonObject details;
    try (JsonReader reader = Json.createReader(new StringReader(e.details()))) {
      details = reader.readObject();
    }
    return new AuditEventDto(
        e.tenantId(),
        e.seq(),
        e.id(),
        e.occurredAt(),
        e.actorUsername(),
        e.actorKind().name(),
        e.action(),
        e.targetType(),
        e.targetId(),
        e.outcome().name(),
        details,
        e.hash());
  }

  static TenantId parseTenant(String tenant) {
    if (tenant == null || tenant.isBlank()) {
      throw new BadRequestProblem(
          "tenant-required", "Le paramètre tenant (code INSEE de la commune) est obligatoire.");
    }
    try {
      return TenantId.parse(tenant);
    } catch (IllegalArgumentException e) {
      throw new BadRequestProblem(
          "invalid-insee-code",
          "Code INSEE invalide : " + abbreviate(tenant) + " (5 caractères attendus, ex. 67482).");
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 20 ? "« " + s + " »" : "« " + s.substring(0, 20) + "… »";
  }
}
