package fr.strasbourg.metrocloud.billing.interfaces.rest;

import fr.strasbourg.metrocloud.billing.application.BillingQueries;
import fr.strasbourg.metrocloud.billing.application.BillingRuns;
import fr.strasbourg.metrocloud.billing.application.CommuneBilling;
import fr.strasbourg.metrocloud.billing.domain.Frequency;
import fr.strasbourg.metrocloud.billing.domain.Statement;
import fr.strasbourg.metrocloud.billing.domain.StatementDocuments;
import fr.strasbourg.metrocloud.billing.domain.StatementStatus;
import fr.strasbourg.metrocloud.billing.interfaces.rest.BillingDtos.CreditLineDto;
import fr.strasbourg.metrocloud.billing.interfaces.rest.BillingDtos.CreditRequestDto;
import fr.strasbourg.metrocloud.billing.interfaces.rest.BillingDtos.RunDto;
import fr.strasbourg.metrocloud.billing.interfaces.rest.BillingDtos.RunReportDto;
import fr.strasbourg.metrocloud.billing.interfaces.rest.BillingDtos.RunRequestDto;
import fr.strasbourg.metrocloud.billing.interfaces.rest.BillingDtos.StatementDto;
import fr.strasbourg.metrocloud.billing.interfaces.rest.BillingDtos.StatementSummaryDto;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs;
import fr.strasbourg.metrocloud.kernel.http.ContentDisposition;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Cost-recovery billing. The DSI runs a period, reviews the drafts, issues them (which sends the
 * receivables to the Eurométropole's finance software) and corrects an issued statement with a
 * credit. A commune's administrator and elected officials read their commune's issued statements;
 * another commune's statement is "not found".
 */
@Path("billing")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Billing")
public class BillingResource {

  @Inject CallContext caller;

  @Inject BillingRuns runs;

  @Inject BillingQueries queries;

  @Inject CommuneBilling billing;

  @Inject BillingInputs inputs;

  @POST
  @Path("runs")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Compute (or recompute) the drafts of a period for every commune or those named;"
              + " issued statements of the period are left as they are")
  public RunReportDto run(RunRequestDto body) {
    if (body == null || body.frequency() == null || body.periodStart() == null) {
      throw new BadRequestProblem(
          "invalid-run", "Fréquence (MONTHLY, QUARTERLY, YEARLY) et début de période attendus.");
    }
    Frequency frequency;
    try {
      frequency = Frequency.valueOf(body.frequency());
    } catch (IllegalArgumentException e) {
      throw new BadRequestProblem(
          "invalid-frequency", "Fréquence inconnue : MONTHLY, QUARTERLY ou YEARLY.");
    }
    LocalDate start = date(body.periodStart());
    if (body.communes() != null
        && body.communes().stream().anyMatch(c -> c == null || !InseeCode.isValid(c))) {
      throw new BadRequestProblem("invalid-commune", "Code INSEE invalide dans la liste.");
    }
    return RunReportDto.of(
        runs.run(
            caller,
            frequency,
            start,
            body.communes() == null ? null : new HashSet<>(body.communes())));
  }

  @GET
  @Path("runs")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Billing runs, newest period first")
  public List<RunDto> runs() {
    return queries.runs(caller).stream().map(RunDto::of).toList();
  }

  @GET
  @Path("runs/{id}/statements")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "The statements of a run (drafts to review, issued ones)")
  public List<StatementSummaryDto> runStatements(@PathParam("id") String id) {
    UUID run = uuid(id, "run-not-found");
    queries.findRun(caller, run);
    return queries.statements(caller, run, null).stream()
        .filter(s -> s.status() != StatementStatus.DISCARDED)
        .map(StatementSummaryDto::of)
        .toList();
  }

  @POST
  @Path("runs/{id}/issue")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Issue every draft of a run (each statement on its own)")
  public RunReportDto issueRun(@PathParam("id") String id) {
    return RunReportDto.of(runs.issueAll(caller, uuid(id, "run-not-found"), serviceNames()));
  }

  @GET
  @Path("statements")
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(
      summary =
          "Statements: a commune's issued ones; the operator's of every commune or of one"
              + " (tenant), drafts included")
  public List<StatementSummaryDto> statements(
      @QueryParam("tenant") String tenant,
      @QueryParam("year") Integer year,
      @QueryParam("status") String status) {
    StatementStatus wanted = null;
    if (status != null) {
      try {
        wanted = StatementStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw new BadRequestProblem("invalid-status", "Statut : DRAFT, ISSUED ou DISCARDED.");
      }
    }
    CallContext scope = caller.scopedTo(tenant, false);
    if (!caller.isOperator()) {
      wanted = StatementStatus.ISSUED; // drafts are the DSI's
    }
    return queries.statementsOfYear(scope, year, wanted).stream()
        .map(StatementSummaryDto::of)
        .toList();
  }

  @GET
  @Path("statements/{id}")
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(summary = "A statement with its lines")
  public StatementDto statement(@PathParam("id") String id) {
    Map<String, String> names = serviceNames();
    return StatementDto.of(visible(id), code -> names.getOrDefault(code, code));
  }

  @GET
  @Path("statements/{id}/pdf")
  @Produces({"application/pdf", MediaType.APPLICATION_JSON})
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(summary = "The statement as a French PDF")
  public Response pdf(@PathParam("id") String id) {
    Statement s = visible(id);
    Map<String, String> names = serviceNames();
    return Response.ok(StatementDocuments.pdf(s, code -> names.getOrDefault(code, code)))
        .type("application/pdf")
        .header("Content-Disposition", ContentDisposition.attachment(fileName(s) + ".pdf"))
        .build();
  }

  @GET
  @Path("statements/{id}/csv")
  @Produces({"text/csv", MediaType.APPLICATION_JSON})
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(summary = "The statement's lines as CSV (separator ;)")
  public Response csv(@PathParam("id") String id) {
    Statement s = visible(id);
    Map<String, String> names = serviceNames();
    return Response.ok(
            StatementDocuments.csv(s, code -> names.getOrDefault(code, code))
                .getBytes(StandardCharsets.UTF_8))
        .type("text/csv; charset=UTF-8")
        .header("Content-Disposition", ContentDisposition.attachment(fileName(s) + ".csv"))
        .build();
  }

  @POST
  @Path("statements/{id}/issue")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Issue a draft: numbered, immutable, its receivable sent to the finance export;"
              + " issuing it again changes nothing")
  public StatementDto issue(@PathParam("id") String id) {
    Statement s = visible(id);
    Map<String, String> names = serviceNames();
    Statement issued = billing.issue(caller.actingOn(InseeCode.of(s.tenantId())), s.id(), names);
    return StatementDto.of(issued, code -> names.getOrDefault(code, code));
  }

  @jakarta.ws.rs.DELETE
  @Path("statements/{id}")
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "Abandon a draft (kept as DISCARDED); 409 for an issued statement")
  public StatementDto discard(@PathParam("id") String id) {
    Statement s = visible(id);
    Map<String, String> names = serviceNames();
    return StatementDto.of(
        billing.discard(caller.actingOn(InseeCode.of(s.tenantId())), s.id()),
        code -> names.getOrDefault(code, code));
  }

  @POST
  @Path("statements/{id}/credits")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Draft a credit on an issued statement: all lines, or the lines and quantities given")
  public Response credit(@PathParam("id") String id, CreditRequestDto body) {
    if (body == null
        || body.reason() == null
        || body.reason().isBlank()
        || body.reason().length() > 500) {
      throw new BadRequestProblem(
          "reason-required", "Le motif de l'avoir est obligatoire (500 caractères au plus).");
    }
    Map<Integer, BigDecimal> quantities = new LinkedHashMap<>();
    for (CreditLineDto line : body.lines() == null ? List.<CreditLineDto>of() : body.lines()) {
      if (line == null || line.position() == null || line.position() < 1) {
        throw new BadRequestProblem("invalid-line", "Numéro de ligne invalide.");
      }
      if (quantities.containsKey(line.position())) {
        throw new BadRequestProblem("duplicate-line", "Ligne " + line.position() + " en double.");
      }
      quantities.put(line.position(), line.quantity());
    }
    Statement original = visible(id);
    Map<String, String> names = serviceNames();
    Statement credit =
        billing.credit(
            caller.actingOn(InseeCode.of(original.tenantId())),
            original.id(),
            body.reason().strip(),
            quantities,
            caller.actor().username());
    return Response.status(Response.Status.CREATED)
        .entity(StatementDto.of(credit, code -> names.getOrDefault(code, code)))
        .build();
  }

  /** A statement the caller may see: a commune's user sees its commune's issued ones only. */
  private Statement visible(String id) {
    UUID statement = uuid(id, "statement-not-found");
    Statement s = billing.find(caller, statement);
    if (!caller.isOperator() && s.status() != StatementStatus.ISSUED) {
      throw new NotFoundProblem("statement-not-found", "État d'utilisation introuvable.");
    }
    return s;
  }

  private Map<String, String> serviceNames() {
    return inputs.services().stream()
        .collect(Collectors.toMap(s -> s.code().value(), BillingInputs.Service::nameFr));
  }

  private static String fileName(Statement s) {
    return (s.number() == null
        ? "brouillon-" + s.tenantId() + "-" + s.period().start()
        : s.number());
  }

  private static UUID uuid(String id, String notFoundCode) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundProblem(notFoundCode, "Introuvable.");
    }
  }

  private static LocalDate date(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadRequestProblem("invalid-date", "Date invalide (format attendu AAAA-MM-JJ).");
    }
  }
}
