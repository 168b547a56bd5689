package fr.strasbourg.metrocloud.archive.interfaces.rest;

import fr.strasbourg.metrocloud.archive.application.Archive;
import fr.strasbourg.metrocloud.archive.application.ArchiveDisposal;
import fr.strasbourg.metrocloud.archive.application.ArchiveJournal;
import fr.strasbourg.metrocloud.archive.application.ArchivePackages;
import fr.strasbourg.metrocloud.archive.application.ArchiveReferential;
import fr.strasbourg.metrocloud.archive.application.ArchiveUnits;
import fr.strasbourg.metrocloud.archive.application.ArchiveViews;
import fr.strasbourg.metrocloud.archive.application.AutoArchive;
import fr.strasbourg.metrocloud.archive.application.Disposals;
import fr.strasbourg.metrocloud.archive.application.FixityAudit;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.AgreementDto;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.AgreementRequest;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.GedTransferRequest;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.JournalEntryDto;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.LegalHoldRequest;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.RuleDto;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.RuleRequest;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.SealDto;
import fr.strasbourg.metrocloud.archive.interfaces.rest.ArchiveDtos.UnitDetailDto;
import fr.strasbourg.metrocloud.kernel.http.ContentDisposition;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The commune's electronic archive (SAE). */
@Path("archive")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Archive (SAE)")
public class ArchiveResource {

  private static final String ADMIN = Role.Names.COMMUNE_ADMIN;
  private static final String AGENT = Role.Names.AGENT;
  private static final String MANAGER = Role.Names.MANAGER;
  private static final String ELECTED = Role.Names.ELECTED_OFFICIAL;
  private static final String OPERATOR = Role.Names.PLATFORM_OPERATOR;
  private static final String ARCHIVIST = Role.Names.ARCHIVIST;
  private static final Set<String> STATUSES = Set.of("ARCHIVED", "DESTROYED");
  private static final String SEDA_XML = "application/xml";

  @Inject CallContext caller;

  @Inject Archive archive;

  @Inject ArchiveUnits units;

  @Inject ArchiveReferential referential;

  @Inject ArchiveJournal journal;

  @Inject FixityAudit.Steps fixity;

  @Inject ArchivePackages packages;

  @Inject Disposals disposals;

  @Inject ArchiveDisposal disposal;

  @Inject AutoArchive.Steps autoArchive;

  @Context UriInfo uriInfo;

  // ---- referential ------------------------------------------------------------------------------

  @GET
  @Path("rules")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED, ARCHIVIST})
  @Operation(
      summary = "The commune's retention rules (durée d'utilité administrative, final action)")
  public List<RuleDto> rules() {
    archive.guard(caller);
    referential.ensureSeeded(caller);
    return referential.rules(caller).stream().map(RuleDto::of).toList();
  }

  @PUT
  @Path("rules/{code}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Add or change a retention rule (administrator); archived units keep theirs")
  public RuleDto saveRule(@PathParam("code") String code, RuleRequest request) {
    archive.guard(caller);
    if (request == null) {
      throw new BadRequestProblem("invalid-rule", "Corps de requête attendu.");
    }
    referential.ensureSeeded(caller);
    return RuleDto.of(
        referential.saveRule(
            caller, code, request.label(), request.duration(), request.finalAction()));
  }

  @GET
  @Path("agreements")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED, ARCHIVIST})
  @Operation(summary = "The commune's archival agreements")
  public List<AgreementDto> agreements() {
    archive.guard(caller);
    referential.ensureSeeded(caller);
    return referential.agreements(caller).stream().map(AgreementDto::of).toList();
  }

  @PUT
  @Path("agreements/{identifier}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Add or change an archival agreement (administrator)")
  public AgreementDto saveAgreement(
      @PathParam("identifier") String identifier, AgreementRequest request) {
    archive.guard(caller);
    if (request == null) {
      throw new BadRequestProblem("invalid-agreement", "Corps de requête attendu.");
    }
    referential.ensureSeeded(caller);
    return AgreementDto.of(
        referential.saveAgreement(
            caller,
            identifier,
            request.label(),
            request.services(),
            request.rules(),
            request.active() == null || request.active()));
  }

  @GET
  @Path("settings")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED, ARCHIVIST})
  @Operation(summary = "The commune's archive settings (automatic archiving of signed documents)")
  public AutoArchive.Settings settings() {
    archive.guard(caller);
    return autoArchive.settings(caller);
  }

  @PUT
  @Path("settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(
      summary =
          "Change the archive settings: archive automatically what the signature circuits signed,"
              + " under a service and rule of the general agreement (administrator)")
  public AutoArchive.Settings saveSettings(AutoArchive.Settings request) {
    archive.guard(caller);
    if (request == null) {
      throw new BadRequestProblem("invalid-settings", "Corps de requête attendu.");
    }
    return autoArchive.save(caller, request);
  }

  // ---- transfers ------------------------------------------------------------------------------

  @POST
  @Path("units")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, AGENT, MANAGER})
  @Operation(
      summary =
          "Archive the current version of a GED document (with its signature validation report"
              + " when it is a signed PDF) as an archive unit")
  public Response transferFromGed(GedTransferRequest request) {
    if (request == null) {
      throw new BadRequestProblem("invalid-unit", "Corps de requête attendu.");
    }
    ArchiveViews.Unit unit = archive.transferFromGed(caller, request.toCommand());
    return Response.created(uriInfo.getBaseUriBuilder().path("archive/units/" + unit.id()).build())
        .entity(unit)
        .build();
  }

  @POST
  @Path("transfers")
  @Consumes(MediaType.WILDCARD)
  @Produces({SEDA_XML, MediaType.APPLICATION_JSON})
  @RolesAllowed({ADMIN, AGENT, MANAGER})
  @Operation(
      summary =
          "Transfer a SEDA 2.2 package (ZIP: manifest.xml + files); answers the"
              + " ArchiveTransferReply (OK) or a 422 problem transfer-rejected whose reply (KO) is"
              + " at /archive/transfers/{transfer}/reply")
  public Response transferPackage(InputStream body) {
    Archive.PackageOutcome outcome = archive.transferPackage(caller, body);
    return Response.created(
            uriInfo.getBaseUriBuilder().path("archive/units/" + outcome.unit().id()).build())
        .type(SEDA_XML)
        .header("X-Archive-Unit", outcome.unit().id().toString())
        .header("X-Archive-Transfer", outcome.transferId().toString())
        .entity(outcome.reply())
        .build();
  }

  @GET
  @Path("transfers")
  @RolesAllowed({ADMIN, AGENT, MANAGER})
  @Operation(summary = "SEDA transfers received, newest first, accepted and rejected")
  public List<ArchiveViews.Transfer> transfers(@QueryParam("limit") @DefaultValue("50") int limit) {
    archive.guard(caller);
    return units.transfers(caller, limit);
  }

  @GET
  @Path("transfers/{id}/reply")
  @Produces({SEDA_XML, MediaType.APPLICATION_JSON})
  @RolesAllowed({ADMIN, AGENT, MANAGER})
  @Operation(summary = "The ArchiveTransferReply sent for a transfer (SEDA 2.2)")
  public Response reply(@PathParam("id") String id) {
    archive.guard(caller);
    byte[] reply = units.reply(caller, ArchiveDtos.id(id, "transfer-not-found", "Versement"));
    return Response.ok(reply, SEDA_XML).build();
  }

  // ---- search and consultation ------------------------------------------------------------------

  @GET
  @Path("units")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED, ARCHIVIST})
  @Operation(
      summary =
          "Search the commune's archive units (metadata, and full text of units from the GED)")
  public ArchiveViews.UnitPage search(
      @QueryParam("q") String q,
      @QueryParam("rule") String rule,
      @QueryParam("service") String service,
      @QueryParam("status") String status,
      @QueryParam("legalHold") Boolean legalHold,
      @QueryParam("archivedFrom") String from,
      @QueryParam("archivedTo") String to,
      @QueryParam("offset") @DefaultValue("0") int offset,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    archive.guard(caller);
    if (status != null && !STATUSES.contains(status)) {
      throw new BadRequestProblem("invalid-status", "Statut inconnu : " + status);
    }
    if (q != null && q.length() > 200) {
      throw new BadRequestProblem("invalid-query", "Recherche limitée à 200 caractères.");
    }
    return units.search(
        caller,
        new ArchiveUnits.Criteria(
            q,
            blank(rule),
            blank(service),
            status,
            legalHold,
            ArchiveDtos.date(from, "archivedFrom"),
            ArchiveDtos.date(to, "archivedTo")),
        offset,
        limit);
  }

  @GET
  @Path("units/{id}")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED, ARCHIVIST})
  @Operation(summary = "An archive unit: metadata, rules, files and its journal entries")
  public UnitDetailDto unit(@PathParam("id") String id) {
    archive.guard(caller);
    UUID unitId = ArchiveDtos.id(id, "unit-not-found", "Unité d'archives");
    return UnitDetailDto.of(archive.detail(caller, unitId, journal.ofUnit(caller, unitId)));
  }

  @GET
  @Path("units/{id}/objects/{object}/content")
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED, ARCHIVIST})
  @Operation(summary = "Consult an archived file (journalled; access restrictions honoured)")
  public Response content(@PathParam("id") String id, @PathParam("object") String object) {
    Archive.Content content =
        archive.consult(
            caller,
            ArchiveDtos.id(id, "unit-not-found", "Unité d'archives"),
            ArchiveDtos.id(object, "object-not-found", "Fichier"));
    StreamingOutput stream =
        out -> {
          try (InputStream in = content.stream()) {
            in.transferTo(out);
          }
        };
    ArchiveViews.StoredObject o = content.object();
    return Response.ok(stream, o.mimeType())
        .header(HttpHeaders.CONTENT_LENGTH, o.size())
        .header("Content-Disposition", ContentDisposition.attachment(o.fileName()))
        .header("Cache-Control", "private, no-store")
        .header("X-Archive-Sha256", o.sha256())
        .build();
  }

  @PUT
  @Path("units/{id}/legal-hold")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Place or lift a legal hold (blocks any disposal of the unit)")
  public ArchiveViews.Unit legalHold(@PathParam("id") String id, LegalHoldRequest request) {
    archive.guard(caller);
    if (request == null || request.hold() == null) {
      throw new BadRequestProblem("invalid-hold", "Champ « hold » (true/false) attendu.");
    }
    if (request.hold() && (request.reason() == null || request.reason().isBlank())) {
      throw new UnprocessableProblem(
          "reason-required", "Un gel se motive : indiquez la procédure ou la raison.");
    }
    if (request.reason() != null && request.reason().length() > 1000) {
      throw new UnprocessableProblem("invalid-hold", "Motif limité à 1 000 caractères.");
    }
    return units.legalHold(
        caller,
        ArchiveDtos.id(id, "unit-not-found", "Unité d'archives"),
        request.hold(),
        request.reason() == null ? null : request.reason().strip());
  }

  @GET
  @Path("units/{id}/evidence")
  @Produces({"application/zip", MediaType.APPLICATION_JSON})
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED, ARCHIVIST})
  @Operation(
      summary =
          "Evidence bundle of a unit (ZIP): files, fingerprints, validation reports, SEDA transfer"
              + " and reply, the journal segment and the TSA seal covering it, certificates")
  public Response evidence(@PathParam("id") String id) throws java.io.IOException {
    return zip(packages.evidence(caller, ArchiveDtos.id(id, "unit-not-found", "Unité d'archives")));
  }

  @GET
  @Path("units/{id}/export")
  @Produces({"application/zip", MediaType.APPLICATION_JSON})
  @RolesAllowed({ADMIN, AGENT, MANAGER, ARCHIVIST})
  @Operation(summary = "A unit as a SEDA 2.2 transfer package (ZIP: manifest.xml + files)")
  public Response export(@PathParam("id") String id) throws java.io.IOException {
    return zip(
        packages.exportUnit(caller, ArchiveDtos.id(id, "unit-not-found", "Unité d'archives")));
  }

  static Response zip(ArchivePackages.Built built) {
    StreamingOutput stream =
        out -> {
          try (InputStream in = java.nio.file.Files.newInputStream(built.file())) {
            in.transferTo(out);
          } finally {
            java.nio.file.Files.deleteIfExists(built.file());
          }
        };
    long size;
    try {
      size = java.nio.file.Files.size(built.file());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Response.ok(stream, "application/zip")
        .header(HttpHeaders.CONTENT_LENGTH, size)
        .header("Content-Disposition", ContentDisposition.attachment(built.fileName()))
        .header("Cache-Control", "private, no-store")
        .build();
  }

  // ---- disposal
  // -----------------------------------------------------------------------------------

  @GET
  @Path("disposals/eligible")
  @RolesAllowed({ADMIN, ARCHIVIST})
  @Operation(
      summary =
          "Units that may be proposed for destruction today (retention ended, final action"
              + " destroy, no legal hold, not already proposed)")
  public List<ArchiveViews.Unit> eligible() {
    archive.guard(caller);
    return disposals.eligible(caller);
  }

  @POST
  @Path("disposals")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Propose units for destruction (administrator)")
  public Response propose(ArchiveDtos.DisposalRequest request) {
    archive.guard(caller);
    if (request == null || request.unitIds() == null) {
      throw new BadRequestProblem("invalid-disposal", "Champ « unitIds » attendu.");
    }
    List<UUID> ids =
        request.unitIds().stream()
            .map(u -> ArchiveDtos.id(u, "unit-not-found", "Unité d'archives"))
            .toList();
    Disposals.Proposal p = disposals.propose(caller, ids, request.comment());
    return Response.created(uriInfo.getBaseUriBuilder().path("archive/disposals/" + p.id()).build())
        .entity(p)
        .build();
  }

  @GET
  @Path("disposals")
  @RolesAllowed({ADMIN, ARCHIVIST, ELECTED})
  @Operation(summary = "Disposal proposals of the commune, newest first")
  public List<Disposals.Proposal> disposals() {
    archive.guard(caller);
    return disposals.list(caller);
  }

  @GET
  @Path("disposals/{id}")
  @RolesAllowed({ADMIN, ARCHIVIST, ELECTED})
  @Operation(summary = "A disposal proposal with its units and approvals")
  public Disposals.Proposal disposal(@PathParam("id") String id) {
    archive.guard(caller);
    return disposals.get(caller, ArchiveDtos.id(id, "disposal-not-found", "Proposition"));
  }

  @POST
  @Path("disposals/{id}/approve")
  @RolesAllowed({ADMIN, ARCHIVIST})
  @Operation(
      summary =
          "Approve a disposal: the commune's approval (administrator) or the archives authority's"
              + " (archivist), two different people; the second destroys the units")
  public Disposals.Proposal approve(@PathParam("id") String id) {
    return disposal.approve(caller, ArchiveDtos.id(id, "disposal-not-found", "Proposition"));
  }

  @POST
  @Path("disposals/{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, ARCHIVIST})
  @Operation(summary = "Reject a disposal proposal, with a reason")
  public Disposals.Proposal reject(@PathParam("id") String id, ArchiveDtos.RejectRequest request) {
    archive.guard(caller);
    if (request == null || request.reason() == null || request.reason().isBlank()) {
      // checked before the transaction: a refusal of bad input is not an incident
      throw new UnprocessableProblem(
          "reason-required", "Un refus se motive : indiquez la raison du refus.");
    }
    return disposals.reject(
        caller,
        ArchiveDtos.id(id, "disposal-not-found", "Proposition"),
        request == null ? null : request.reason());
  }

  @GET
  @Path("disposals/{id}/certificate")
  @Produces({"application/pdf", MediaType.APPLICATION_JSON})
  @RolesAllowed({ADMIN, ARCHIVIST, ELECTED})
  @Operation(summary = "The destruction certificate (PDF) of a completed disposal")
  public Response certificate(@PathParam("id") String id) {
    archive.guard(caller);
    byte[] pdf =
        disposals.certificate(caller, ArchiveDtos.id(id, "disposal-not-found", "Proposition"));
    return Response.ok(pdf, "application/pdf")
        .header(
            "Content-Disposition",
            ContentDisposition.attachment("certificat-elimination-" + id + ".pdf"))
        .build();
  }

  // ---- journal and integrity
  // ----------------------------------------------------------------------

  @GET
  @Path("journal")
  @RolesAllowed({ADMIN, ELECTED, ARCHIVIST})
  @Operation(summary = "The commune's archive journal (after a sequence number, oldest first)")
  public List<JournalEntryDto> journal(
      @QueryParam("after") @DefaultValue("0") long after,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    archive.guard(caller);
    return journal.page(caller, after, limit).stream().map(JournalEntryDto::of).toList();
  }

  @GET
  @Path("journal/seals")
  @RolesAllowed({ADMIN, ELECTED, ARCHIVIST})
  @Operation(summary = "The seals of the journal (RFC 3161 tokens of the platform's TSA, base64)")
  public List<SealDto> seals() {
    archive.guard(caller);
    return journal.seals(caller).stream().map(SealDto::of).toList();
  }

  @GET
  @Path("journal/verification")
  @RolesAllowed({ADMIN, ELECTED, ARCHIVIST})
  @Operation(summary = "Re-compute the journal's chain and check its seals")
  public ArchiveJournal.Verification verify() {
    archive.guard(caller);
    return journal.verify(caller);
  }

  @GET
  @Path("fixity-audits")
  @RolesAllowed({ADMIN, ELECTED, ARCHIVIST})
  @Operation(summary = "The commune's latest fixity audits")
  public List<ArchiveViews.FixityRun> fixityRuns() {
    archive.guard(caller);
    return fixity.latest(caller, 20);
  }

  @GET
  @Path("alerts")
  @RolesAllowed({ADMIN, ELECTED, ARCHIVIST, OPERATOR})
  @Operation(
      summary =
          "Integrity alerts raised by fixity audits: the commune's, or every commune's for the DSI")
  public List<ArchiveViews.Alert> alerts(@QueryParam("open") @DefaultValue("false") boolean open) {
    if (!caller.isOperator()) {
      archive.guard(caller);
    }
    return fixity.alerts(caller, open, 200);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
