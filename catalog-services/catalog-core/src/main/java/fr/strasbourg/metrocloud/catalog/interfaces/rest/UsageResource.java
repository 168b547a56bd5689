package fr.strasbourg.metrocloud.catalog.interfaces.rest;

import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.application.BusinessCalendar;
import fr.strasbourg.metrocloud.catalog.application.UsageLedger;
import fr.strasbourg.metrocloud.catalog.interfaces.rest.CatalogDtos.UsageDto;
import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The usage ledger of a commune: its administrator reads its own; the operator reads one commune at
 * a time.
 */
@Path("usage")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class UsageResource {

  @Inject CallContext caller;

  @Inject UsageLedger ledger;

  @Inject BusinessCalendar calendar;

  @GET
  @RolesAllowed({Role.Names.PLATFORM_OPERATOR, Role.Names.COMMUNE_ADMIN})
  @Operation(
      summary =
          "Usage events of the caller's commune (operator: of the given tenant), newest first")
  public List<UsageDto> list(
      @QueryParam("tenant") String tenant,
      @QueryParam("service") String service,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("100") int limit) {
    if (limit < 1 || limit > 1000) {
      throw new BadRequestProblem(
          "invalid-limit", "Le paramètre limit doit être compris entre 1 et 1000.");
    }
    CallContext scope = caller.scopedTo(tenant, true);
    if (service != null && !ServiceCode.isValid(service)) {
      throw new BadRequestProblem("unknown-service", "Code de service invalide.");
    }
    LocalDate fromDay = parse(from, calendar.today().withDayOfMonth(1).minusYears(1));
    LocalDate toDay = parse(to, calendar.today().plusYears(1));
    return ledger
        .read(
            scope,
            service == null ? null : new ServiceCode(service),
            BusinessCalendar.startOf(fromDay),
            BusinessCalendar.startOf(toDay),
            limit)
        .stream()
        .map(UsageDto::of)
        .toList();
  }

  /** A sum of usage for one commune, service, metric and day or month. */
  public record UsageTotalDto(
      String tenant,
      String service,
      String metric,
      LocalDate period,
      BigDecimal quantity,
      long events) {}

  @GET
  @Path("totals")
  @RolesAllowed({
    Role.Names.PLATFORM_OPERATOR,
    Role.Names.COMMUNE_ADMIN,
    Role.Names.ELECTED_OFFICIAL
  })
  @Operation(
      summary =
          "Usage summed per commune, service, metric and day or month: a commune's own; the"
              + " operator's for one commune (tenant) or all")
  public List<UsageTotalDto> totals(
      @QueryParam("tenant") String tenant,
      @QueryParam("service") String service,
      @QueryParam("metric") String metric,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("granularity") @DefaultValue("month") String granularity) {
    CallContext scope = caller.scopedTo(tenant, false);
    if (service != null && !ServiceCode.isValid(service)) {
      throw new BadRequestProblem("unknown-service", "Code de service invalide.");
    }
    if (metric != null && !metric.matches("[a-z][a-z0-9.-]{1,63}")) {
      throw new BadRequestProblem("invalid-metric", "Métrique invalide.");
    }
    if (!granularity.equals("month") && !granularity.equals("day")) {
      throw new BadRequestProblem(
          "invalid-granularity", "Le paramètre granularity vaut « day » ou « month ».");
    }
    LocalDate fromDay = parse(from, calendar.today().withDayOfYear(1));
    LocalDate toDay = parse(to, fromDay.plusYears(1));
    if (!toDay.isAfter(fromDay) || toDay.isAfter(fromDay.plusYears(5))) {
      throw new BadRequestProblem(
          "invalid-period", "La période doit être non vide et durer cinq ans au plus.");
    }
    return ledger
        .totals(
            scope,
            service == null ? null : new ServiceCode(service),
            metric,
            BusinessCalendar.startOf(fromDay),
            BusinessCalendar.startOf(toDay),
            granularity.equals("month"))
        .stream()
        .map(
            t ->
                new UsageTotalDto(
                    t.tenantId(), t.service(), t.metric(), t.period(), t.quantity(), t.events()))
        .toList();
  }

  /** A correction of a commune's usage by the DSI. */
  public record CorrectionDto(
      String service,
      String metric,
      BigDecimal quantity,
      String occurredOn,
      String reason,
      String key) {}

  /** One usage event measured outside the platform's services. */
  public record IngestedEventDto(
      String service,
      String metric,
      BigDecimal quantity,
      String occurredAt,
      String key,
      String source) {}

  /** What an ingestion did. */
  public record IngestionDto(int received, int recorded, int duplicates) {}

  /** A refused event of a batch. */
  public record EventErrorDto(int index, String problem) {}

  static final int MAX_BATCH = 5000;

  @POST
  @Path("events/{tenant}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Append a batch of usage events measured outside the platform's services (at most 5000);"
              + " idempotent per key; all or nothing")
  public IngestionDto ingest(
      @PathParam("tenant") String tenant, java.util.List<IngestedEventDto> body) {
    if (!InseeCode.isValid(tenant)) {
      throw new fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem(
          "tenant-not-found", "Commune inconnue.");
    }
    if (body == null || body.isEmpty() || body.size() > MAX_BATCH) {
      throw new BadRequestProblem(
          "invalid-batch", "Un lot de 1 à " + MAX_BATCH + " événements est attendu.");
    }
    java.util.List<fr.strasbourg.metrocloud.catalog.api.UsageEvent> events =
        new java.util.ArrayList<>();
    java.util.List<EventErrorDto> errors = new java.util.ArrayList<>();
    java.util.Set<String> keys = new java.util.HashSet<>();
    for (int i = 0; i < body.size(); i++) {
      IngestedEventDto e = body.get(i);
      try {
        if (e == null || e.service() == null || !ServiceCode.isValid(e.service())) {
          throw new IllegalArgumentException("service invalide");
        }
        if (e.quantity() == null
            || e.quantity().scale() > 6
            || e.quantity().abs().compareTo(new BigDecimal("1000000000")) >= 0) {
          throw new IllegalArgumentException("quantité invalide (6 décimales au plus)");
        }
        if (e.key() == null || !keys.add(e.key())) {
          throw new IllegalArgumentException("clé absente ou en double dans le lot");
        }
        java.time.Instant at;
        try {
          at = java.time.OffsetDateTime.parse(e.occurredAt()).toInstant();
        } catch (RuntimeException parse) {
          throw new IllegalArgumentException("date invalide (ISO 8601 avec fuseau)");
        }
        String source = e.source() == null ? "dsi.import" : e.source();
        if (source.length() > 100 || source.isBlank()) {
          throw new IllegalArgumentException("source invalide");
        }
        events.add(
            new fr.strasbourg.metrocloud.catalog.api.UsageEvent(
                new ServiceCode(e.service()), e.metric(), e.quantity(), at, e.key(), source));
      } catch (IllegalArgumentException | NullPointerException invalid) {
        if (errors.size() < 50) {
          errors.add(new EventErrorDto(i, String.valueOf(invalid.getMessage())));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw (BadRequestProblem)
          new BadRequestProblem(
                  "invalid-usage-events",
                  "Lot refusé : "
                      + errors.size()
                      + " événement(s) invalide(s), rien n'est enregistré.")
              .with(
                  "errors",
                  errors.stream()
                      .map(
                          x ->
                              java.util.Map.<String, Object>of(
                                  "index", x.index(), "problem", x.problem()))
                      .toList());
    }
    int recorded = ledger.ingest(caller.actingOn(InseeCode.of(tenant)), events);
    return new IngestionDto(events.size(), recorded, events.size() - recorded);
  }

  /** Whether the correction was recorded (false: its key was already in the ledger). */
  public record CorrectionResultDto(boolean recorded, String key) {}

  @POST
  @Path("corrections/{tenant}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(
      summary =
          "Record a compensating usage event for a commune (negative takes usage back); the"
              + " ledger is never edited in place")
  public Response correct(@PathParam("tenant") String tenant, CorrectionDto body) {
    if (!InseeCode.isValid(tenant)) {
      throw new fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem(
          "tenant-not-found", "Commune inconnue.");
    }
    if (body == null) {
      throw new BadRequestProblem("body-required", "Correction attendue.");
    }
    java.util.List<String> problems = new java.util.ArrayList<>();
    if (body.service() == null || !ServiceCode.isValid(body.service())) {
      problems.add("service invalide");
    }
    if (body.metric() == null || !body.metric().matches("[a-z][a-z0-9.-]{1,63}")) {
      problems.add("métrique invalide");
    }
    if (body.quantity() == null
        || body.quantity().signum() == 0
        || body.quantity().scale() > 6
        || body.quantity().abs().compareTo(new BigDecimal("1000000000")) >= 0) {
      problems.add("quantité non nulle, 6 décimales au plus");
    }
    if (body.reason() == null || body.reason().isBlank() || body.reason().length() > 500) {
      problems.add("motif obligatoire (500 caractères au plus)");
    }
    if (body.key() == null || !body.key().matches("[A-Za-z0-9._:-]{1,100}")) {
      problems.add("clé de correction obligatoire (lettres, chiffres, . _ : -, 100 au plus)");
    }
    if (body.occurredOn() == null) {
      problems.add("date d'utilisation obligatoire");
    }
    if (!problems.isEmpty()) {
      throw new BadRequestProblem(
          "invalid-correction", "Correction refusée : " + String.join(" ; ", problems) + ".");
    }
    LocalDate day = parse(body.occurredOn(), null);
    boolean recorded =
        ledger.correct(
            caller.actingOn(InseeCode.of(tenant)),
            new ServiceCode(body.service()),
            body.metric(),
            body.quantity(),
            day,
            body.reason().strip(),
            body.key());
    return Response.status(recorded ? Response.Status.CREATED : Response.Status.OK)
        .entity(new CorrectionResultDto(recorded, "correction/" + body.key()))
        .build();
  }

  private static LocalDate parse(String date, LocalDate fallback) {
    if (date == null || date.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new BadRequestProblem("invalid-date", "Date invalide (format attendu AAAA-MM-JJ).");
    }
  }
}
