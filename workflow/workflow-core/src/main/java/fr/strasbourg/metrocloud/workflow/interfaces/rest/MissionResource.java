package fr.strasbourg.metrocloud.workflow.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.problem.BadRequestProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.workflow.application.MissionDirectory;
import fr.strasbourg.metrocloud.workflow.application.MissionOrders;
import fr.strasbourg.metrocloud.workflow.domain.MissionEstimate;
import fr.strasbourg.metrocloud.workflow.domain.MissionRates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Mission orders of the caller's commune: estimate, request, expenses, and their settings. */
@Path("missions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mission orders")
public class MissionResource {

  private static final String ADMIN = Role.Names.COMMUNE_ADMIN;
  private static final String AGENT = Role.Names.AGENT;
  private static final String MANAGER = Role.Names.MANAGER;
  private static final String ELECTED = Role.Names.ELECTED_OFFICIAL;

  @Inject CallContext caller;

  @Inject MissionOrders orders;

  @Inject MissionDirectory directory;

  @Context UriInfo uriInfo;

  /** A mission as asked; times are Paris local times {@code YYYY-MM-DDTHH:MM}. */
  public record MissionBody(
      String purpose,
      String destination,
      Integer destinationPopulation,
      Boolean paris,
      String departure,
      String returnAt,
      String transport,
      Integer horsepower,
      Integer distanceKm,
      Integer kmAlreadyThisYear,
      BigDecimal fare,
      String budgetLine) {}

  public record ExpenseBody(
      String kind, String day, BigDecimal amount, String label, String receiptDocumentId) {}

  public record ExpensesBody(List<ExpenseBody> lines) {}

  public record CancelBody(String reason) {}

  public record RatesBody(
      BigDecimal meal,
      BigDecimal night,
      BigDecimal nightLargeCity,
      BigDecimal nightParis,
      Integer largeCityPopulation) {}

  public record SettingsBody(String signerUsername, String signerLabel, RatesBody rates) {}

  public record BudgetLineBody(String label, String service, BigDecimal amount) {}

  @POST
  @Path("estimate")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Estimated cost of a mission with the commune's rates (nothing stored)")
  public MissionEstimate.Estimate estimate(MissionBody body) {
    return orders.estimate(caller, request(body));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Request a mission order (starts the commune's mission order process)")
  public Response submit(MissionBody body) {
    MissionOrders.MissionOrder m = orders.submit(caller, request(body));
    return Response.created(uriInfo.getAbsolutePathBuilder().path(m.id().toString()).build())
        .entity(m)
        .build();
  }

  @GET
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "The caller's mission orders")
  public List<MissionOrders.MissionOrder> mine() {
    return orders.mine(caller);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "A mission order with its expenses and history")
  public MissionOrders.MissionOrder get(@PathParam("id") String id) {
    return orders.get(caller, id(id));
  }

  @POST
  @Path("{id}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Withdraw one's order before it goes to signature")
  public MissionOrders.MissionOrder cancel(@PathParam("id") String id, CancelBody body) {
    return orders.cancel(caller, id(id), body == null ? null : body.reason());
  }

  @POST
  @Path("{id}/expenses")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(
      summary =
          "File the actual expenses (état de frais) with their receipts (GED documents), checked"
              + " against the order and the rates")
  public MissionOrders.MissionOrder expenses(@PathParam("id") String id, ExpensesBody body) {
    if (body == null || body.lines() == null) {
      throw new BadRequestProblem("invalid-expenses", "Corps attendu : {\"lines\": [...]}.");
    }
    List<MissionOrders.ExpenseLine> lines =
        body.lines().stream()
            .map(
                l ->
                    new MissionOrders.ExpenseLine(
                        l == null ? null : l.kind(),
                        l == null ? null : WorkflowDtos.date(l.day(), "day"),
                        l == null ? null : l.amount(),
                        l == null ? null : l.label(),
                        l == null
                                || l.receiptDocumentId() == null
                                || l.receiptDocumentId().isBlank()
                            ? null
                            : WorkflowDtos.id(
                                l.receiptDocumentId(), "document-not-found", "Justificatif")))
            .toList();
    return orders.fileExpenses(caller, id(id), lines);
  }

  @GET
  @Path("settings")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "Who signs the commune's mission orders, and the rates in force")
  public MissionDirectory.Settings settings() {
    return directory
        .settings(caller)
        .orElse(new MissionDirectory.Settings(null, null, MissionRates.defaults()));
  }

  @PUT
  @Path("settings")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Set the authorised signer and the allowance rates (administrator)")
  public MissionDirectory.Settings saveSettings(SettingsBody body) {
    if (body == null) {
      throw new BadRequestProblem("invalid-mission-settings", "Corps de requête attendu.");
    }
    MissionRates d = MissionRates.defaults();
    RatesBody r = body.rates();
    MissionRates rates =
        r == null
            ? d
            : new MissionRates(
                r.meal() == null ? d.meal() : r.meal(),
                r.night() == null ? d.night() : r.night(),
                r.nightLargeCity() == null ? d.nightLargeCity() : r.nightLargeCity(),
                r.nightParis() == null ? d.nightParis() : r.nightParis(),
                r.largeCityPopulation() == null ? d.largeCityPopulation() : r.largeCityPopulation(),
                d.kilometric());
    return directory.save(caller, body.signerUsername(), body.signerLabel(), rates);
  }

  @GET
  @Path("budget-lines")
  @RolesAllowed({ADMIN, AGENT, MANAGER, ELECTED})
  @Operation(summary = "The commune's internal budget lines of a year (default: this year)")
  public List<MissionDirectory.BudgetLine> budgetLines(@QueryParam("year") Integer year) {
    return directory.budgetLines(caller, year == null ? LocalDate.now().getYear() : year);
  }

  @PUT
  @Path("budget-lines/{code}/{year}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(ADMIN)
  @Operation(summary = "Create or change a budget line (voted amount) of a year (administrator)")
  public MissionDirectory.BudgetLine saveBudgetLine(
      @PathParam("code") String code, @PathParam("year") int year, BudgetLineBody body) {
    if (body == null) {
      throw new BadRequestProblem("invalid-budget-line", "Corps de requête attendu.");
    }
    return directory.saveBudgetLine(
        caller,
        new MissionDirectory.BudgetLine(
            code, year, body.label(), body.service(), body.amount(), null));
  }

  private static MissionOrders.Request request(MissionBody b) {
    if (b == null) {
      throw new BadRequestProblem("invalid-mission", "Corps de requête attendu.");
    }
    return new MissionOrders.Request(
        b.purpose(),
        b.destination(),
        b.destinationPopulation(),
        b.paris(),
        time(b.departure(), "departure"),
        time(b.returnAt(), "returnAt"),
        b.transport(),
        b.horsepower(),
        b.distanceKm(),
        b.kmAlreadyThisYear(),
        b.fare(),
        b.budgetLine());
  }

  private static LocalDateTime time(String value, String field) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadRequestProblem(
          "invalid-date",
          "Date et heure invalides pour " + field + " (AAAA-MM-JJTHH:MM) : " + value);
    }
  }

  private static UUID id(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundProblem("mission-order-not-found", "Ordre de mission introuvable.");
    }
  }
}
