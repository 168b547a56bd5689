package fr.strasbourg.metrocloud.app.it;

import static fr.strasbourg.metrocloud.app.support.ProcedureSteps.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.app.support.Database;
import fr.strasbourg.metrocloud.app.support.FinanceSimulator;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cost-recovery billing against the real platform: tariffs of a past year (so that nothing else
 * runs on them), the communes' subscriptions of the past (taken over by the DSI as history), usage
 * recorded through the DSI's corrections, billing runs, issue, the receivable at the
 * Eurométropole's finance software, late usage as adjustments, credits, immutability in the
 * database, and isolation between communes.
 *
 * <p>Each test takes a year of 1960–2019 before anything earlier runs left, so that the test can
 * run again on the same database; the subscriptions of the past cannot be made through the API (a
 * subscription starts today or later): they are written as the schema owner, like a migration of
 * the communes' history would.
 */
class BillingIT extends PlatformTestBase {

  /** Communes outside the Eurométropole, used by no other test. */
  private static final Commune MARMOUTIER = new Commune("67283", "Marmoutier", "67440", 2700);

  private static final Commune ANDLAU = new Commune("67010", "Andlau", "67140", 1750);

  private static final Commune INGWILLER = new Commune("67222", "Ingwiller", "67340", 4050);

  private int year;
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private ApiClient operator;

  @BeforeEach
  void tariffsOfTheYear() throws SQLException {
    operator = platform.operator();
    year = unusedYear();
    tariff(
        "e-signature",
        day(1, 1),
        "52500.00",
        "150000",
        ",\"freeUnitsPerMonth\":20,\"freeMaxPopulation\":1999");
    tariff("e-signature", day(7, 1), "60000.00", "150000", "");
    tariff("document-management", day(1, 1), "43200.00", "360000", ",\"yearlyBaseFee\":150.00");
    tariff("finance-connector", day(1, 1), "16200.00", "360", "");
  }

  @Test
  void aQuarterIsRatedIssuedSentToFinanceAndCorrectedOnlyByAdjustmentsAndCredits()
      throws Exception {
    platform.ensureActiveCommune(MARMOUTIER);
    ApiClient admin = platform.as(Platform.adminOf(MARMOUTIER), MARMOUTIER);
    subscribed(MARMOUTIER, "e-signature", day(1, 1), LocalDate.of(year + 1, 1, 1));
    // the GED from 15 March to 15 May included: the commune unsubscribed mid-month
    subscribed(MARMOUTIER, "document-management", day(3, 15), day(5, 16));
    subscribed(MARMOUTIER, "finance-connector", day(4, 10), LocalDate.of(year + 1, 1, 1));
    used(MARMOUTIER, "e-signature", "signatures", day(3, 31), "10"); // first quarter
    used(MARMOUTIER, "e-signature", "signatures", day(4, 1), "5");
    used(MARMOUTIER, "e-signature", "signatures", day(6, 30), "4");
    used(MARMOUTIER, "e-signature", "signatures", day(7, 1), "6"); // third quarter, new tariff
    used(MARMOUTIER, "document-management", "storage.gb-month", day(4, 15), "2.5");

    JsonObject report = quarter(day(4, 1), MARMOUTIER);
    JsonObject outcome = only(report, MARMOUTIER);
    assertThat(outcome.getString("result")).isEqualTo("COMPUTED");
    String id = outcome.getJsonObject("statement").getString("id");
    JsonObject draft = assertOk(operator.get("/api/v1/billing/statements/" + id), 200).json();
    List<JsonObject> lines = draft.getJsonArray("lines").getValuesAs(JsonObject.class);
    assertThat(lines)
        .extracting(l -> l.getString("service") + " " + l.getString("kind"))
        .containsExactly(
            "e-signature USAGE",
            "document-management USAGE",
            "document-management BASE_FEE",
            "finance-connector USAGE");
    // 5 + 4 signatures at 0.35 (the 31 March is in the first quarter, the 1 July in the third)
    assertLine(lines.get(0), "9", "0.35", 315);
    assertLine(lines.get(1), "2.5", "0.12", 30);
    // 30 days of April and 15 of May of the yearly fee of 150 €, rounded half-up to the cent
    long fee =
        new BigDecimal("150.00")
            .multiply(BigDecimal.valueOf(45))
            .divide(BigDecimal.valueOf(Year.of(year).length()), 2, RoundingMode.HALF_UP)
            .movePointRight(2)
            .longValueExact();
    assertLine(lines.get(2), "45", "150", fee);
    assertThat(lines.get(2).getString("to")).isEqualTo(day(5, 16).toString());
    // the finance connector from 10 April: 21/30 of April, May, June
    assertLine(lines.get(3), "2.7", "45", 12150);
    long total = 315 + 30 + fee + 12150;
    assertThat(draft.getJsonObject("summary").getJsonNumber("totalCents").longValue())
        .isEqualTo(total);
    assertThat(draft.getJsonObject("summary").getString("status")).isEqualTo("DRAFT");

    // a draft is the DSI's: the commune does not see it
    assertProblem(admin.get("/api/v1/billing/statements/" + id), 404, "statement-not-found");
    assertThat(admin.get("/api/v1/billing/statements?year=" + year).jsonArray()).isEmpty();

    // running the period again recomputes the same draft: same statement, same total
    JsonObject again = only(quarter(day(4, 1), MARMOUTIER), MARMOUTIER);
    assertThat(again.getJsonObject("statement").getString("id")).isEqualTo(id);
    assertThat(again.getJsonObject("statement").getJsonNumber("totalCents").longValue())
        .isEqualTo(total);
    String runId = report.getJsonObject("run").getString("id");
    assertThat(
            operator
                .get("/api/v1/billing/runs/" + runId + "/statements")
                .jsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(s -> s.getString("commune").equals(MARMOUTIER.insee())))
        .hasSize(1);

    try (FinanceSimulator metropole =
        new FinanceSimulator("metrocloud-ems", "s3cret-EMS")
            .start(Integer.getInteger("metrocloud.metropole-finance.port", 9291))) {
      JsonObject issued =
          assertOk(operator.post("/api/v1/billing/statements/" + id + "/issue", "{}"), 200).json();
      String number = issued.getJsonObject("summary").getString("number");
      assertThat(number).matches("EU-\\d{4}-67283-\\d{3}");
      // issuing again changes nothing
      assertThat(
              assertOk(operator.post("/api/v1/billing/statements/" + id + "/issue", "{}"), 200)
                  .json()
                  .getJsonObject("summary")
                  .getString("number"))
          .isEqualTo(number);
      String key = MARMOUTIER.insee() + ":receivable/" + number;
      await(() -> metropole.records().get(key), "the receivable reaches the Eurométropole");
      String received = metropole.records().get(key);
      assertThat(received)
          .contains("\"montant\":\"" + BigDecimal.valueOf(total, 2).toPlainString() + "\"");

      // the commune reads its issued statement, as JSON, PDF and CSV
      assertThat(admin.get("/api/v1/billing/statements?year=" + year).jsonArray()).hasSize(1);
      assertOk(admin.get("/api/v1/billing/statements/" + id), 200);
      ApiClient.Download pdf = admin.download("/api/v1/billing/statements/" + id + "/pdf");
      assertThat(pdf.status()).isEqualTo(200);
      assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      ApiClient.Download csv = admin.download("/api/v1/billing/statements/" + id + "/csv");
      assertThat(csv.text())
          .startsWith("numero;commune;insee;")
          .contains(number + ";Marmoutier;67283;")
          .contains("TOTAL")
          .contains(BigDecimal.valueOf(total, 2).toPlainString());

      // another commune does not see it
      platform.ensureActiveCommune(ANDLAU);
      ApiClient andlau = platform.as(Platform.adminOf(ANDLAU), ANDLAU);
      assertProblem(andlau.get("/api/v1/billing/statements/" + id), 404, "statement-not-found");
      assertThat(andlau.download("/api/v1/billing/statements/" + id + "/pdf").status())
          .isEqualTo(404);

      // rerunning the closed period: the same statement, nothing recomputed
      JsonObject closed = only(quarter(day(4, 1), MARMOUTIER), MARMOUTIER);
      assertThat(closed.getString("result")).isEqualTo("ALREADY_ISSUED");
      assertThat(closed.getJsonObject("statement").getString("number")).isEqualTo(number);
      assertThat(closed.getJsonObject("statement").getJsonNumber("totalCents").longValue())
          .isEqualTo(total);

      // the issued statement is immutable in the database, whoever asks
      try (Connection app = Database.asApplication()) {
        bind(app, MARMOUTIER.insee());
        try (PreparedStatement update =
            app.prepareStatement("UPDATE billing_statements SET total_cents = 0 WHERE id = ?")) {
          update.setObject(1, UUID.fromString(id));
          assertThatThrownBy(update::executeUpdate)
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("issued");
        }
        try (PreparedStatement delete =
            app.prepareStatement("DELETE FROM billing_statement_lines WHERE statement_id = ?")) {
          delete.setObject(1, UUID.fromString(id));
          assertThatThrownBy(delete::executeUpdate).isInstanceOf(SQLException.class);
        }
      }

      // a tariff change afterwards does not rewrite it
      tariff("e-signature", day(5, 1), "75000.00", "150000", "");
      JsonObject after = admin.get("/api/v1/billing/statements/" + id).json();
      assertThat(
              after
                  .getJsonArray("lines")
                  .getJsonObject(0)
                  .getJsonNumber("unitPrice")
                  .bigDecimalValue())
          .isEqualByComparingTo("0.35");
      assertThat(after.getJsonObject("summary").getJsonNumber("totalCents").longValue())
          .isEqualTo(total);

      // usage of the closed quarter recorded late (a missed signature batch, then a compensating
      // event) and usage of the open quarter
      used(MARMOUTIER, "e-signature", "signatures", day(6, 15), "3");
      used(MARMOUTIER, "e-signature", "signatures", day(6, 20), "-1");
      used(MARMOUTIER, "e-signature", "signatures", day(8, 1), "1");
      JsonObject q3 = only(quarter(day(7, 1), MARMOUTIER), MARMOUTIER);
      List<JsonObject> q3lines =
          assertOk(
                  operator.get(
                      "/api/v1/billing/statements/"
                          + q3.getJsonObject("statement").getString("id")),
                  200)
              .json()
              .getJsonArray("lines")
              .getValuesAs(JsonObject.class);
      assertThat(q3lines)
          .extracting(l -> l.getString("service") + " " + l.getString("kind"))
          .containsExactly(
              "e-signature USAGE", "e-signature ADJUSTMENT", "finance-connector USAGE");
      assertLine(q3lines.get(0), "7", "0.4", 280); // 6 + 1 at the July tariff
      assertLine(
          q3lines.get(1),
          "2",
          "0.5",
          100); // June's late usage at the tariff of its day (since May)
      assertThat(q3lines.get(1).getString("label")).contains("régularisation");
      assertLine(q3lines.get(2), "3", "45", 13500);

      // a credit on the issued statement: 0.7 month of connector (April) at 45 €
      assertProblem(
          operator.post("/api/v1/billing/statements/" + id + "/credits", "{\"lines\":[]}"),
          400,
          "reason-required");
      JsonObject credit =
          assertOk(
                  operator.post(
                      "/api/v1/billing/statements/" + id + "/credits",
                      "{\"reason\":\"Connecteur indisponible en avril\",\"lines\":[{\"position\":4,\"quantity\":0.7}]}"),
                  201)
              .json();
      assertThat(credit.getJsonObject("summary").getString("kind")).isEqualTo("CREDIT");
      assertThat(credit.getJsonObject("summary").getJsonNumber("totalCents").longValue())
          .isEqualTo(-3150);
      assertThat(credit.getJsonObject("summary").getString("correctsNumber")).isEqualTo(number);
      String creditId = credit.getJsonObject("summary").getString("id");
      JsonObject creditIssued =
          assertOk(operator.post("/api/v1/billing/statements/" + creditId + "/issue", "{}"), 200)
              .json();
      assertThat(creditIssued.getJsonObject("summary").getString("number"))
          .matches("AV-\\d{4}-67283-\\d{3}");
      // the finance software gets the reduction of the receivable, once
      String reduction =
          MARMOUTIER.insee()
              + ":reduction/"
              + creditIssued.getJsonObject("summary").getString("number");
      await(() -> metropole.records().get(reduction), "the reduction reaches the Eurométropole");
      assertThat(metropole.records().get(reduction))
          .contains("\"type\":\"reduction\"")
          .contains("\"etatReduit\":\"" + number + "\"")
          .contains("\"montant\":\"31.50\"");
      // no more than what is left on the line (121.50 − 31.50 = 90.00 €)
      assertProblem(
          operator.post(
              "/api/v1/billing/statements/" + id + "/credits",
              "{\"reason\":\"Trop\",\"lines\":[{\"position\":4,\"quantity\":2.5}]}"),
          422,
          "invalid-credit");
      // the original is unchanged
      assertThat(
              admin
                  .get("/api/v1/billing/statements/" + id)
                  .json()
                  .getJsonObject("summary")
                  .getJsonNumber("totalCents")
                  .longValue())
          .isEqualTo(total);
    }
  }

  @Test
  void smallCommunesGetTheirFreeAllowanceAndPeriodsOfDifferentFrequenciesNeverOverlap()
      throws Exception {
    platform.ensureActiveCommune(ANDLAU);
    ApiClient admin = platform.as(Platform.adminOf(ANDLAU), ANDLAU);
    subscribed(ANDLAU, "e-signature", day(1, 1), LocalDate.of(year + 2, 1, 1));
    used(ANDLAU, "e-signature", "signatures", day(1, 20), "30");
    used(ANDLAU, "e-signature", "signatures", day(2, 11), "25");

    // January alone: 20 free signatures for a commune of 1,750 inhabitants, 10 paid
    JsonObject january = only(run("MONTHLY", day(1, 1), ANDLAU), ANDLAU);
    String januaryId = january.getJsonObject("statement").getString("id");
    JsonObject line =
        operator
            .get("/api/v1/billing/statements/" + januaryId)
            .json()
            .getJsonArray("lines")
            .getJsonObject(0);
    assertThat(line.getJsonNumber("freeQuantity").bigDecimalValue()).isEqualByComparingTo("20");
    assertThat(line.getJsonNumber("quantity").bigDecimalValue()).isEqualByComparingTo("30");
    assertLine(line, "10", "0.35", 350);

    // the DSI bills by quarter instead: the January draft is replaced
    JsonObject q1 = only(quarter(day(1, 1), ANDLAU), ANDLAU);
    assertThat(q1.getJsonObject("statement").getJsonNumber("totalCents").longValue())
        .isEqualTo(525);
    assertThat(
            operator
                .get("/api/v1/billing/statements/" + januaryId)
                .json()
                .getJsonObject("summary")
                .getString("status"))
        .isEqualTo("DISCARDED");
    String q1Id = q1.getJsonObject("statement").getString("id");
    assertOk(operator.post("/api/v1/billing/statements/" + q1Id + "/issue", "{}"), 200);
    // February is in an issued quarter: a monthly run skips it and says why
    JsonObject february = only(run("MONTHLY", day(2, 1), ANDLAU), ANDLAU);
    assertThat(february.getString("result")).isEqualTo("SKIPPED");
    assertThat(february.getString("reason")).contains("déjà facturée");

    // next year's first quarter is compared with this one
    used(ANDLAU, "e-signature", "signatures", LocalDate.of(year + 1, 1, 5), "3");
    JsonObject next = only(quarter(LocalDate.of(year + 1, 1, 1), ANDLAU), ANDLAU);
    assertThat(next.getJsonObject("statement").getJsonNumber("previousYearCents").longValue())
        .isEqualTo(525);
    // the DSI abandons that draft; an issued statement cannot be abandoned
    String nextId = next.getJsonObject("statement").getString("id");
    assertThat(
            assertOk(operator.delete("/api/v1/billing/statements/" + nextId), 200)
                .json()
                .getJsonObject("summary")
                .getString("status"))
        .isEqualTo("DISCARDED");
    assertProblem(operator.delete("/api/v1/billing/statements/" + q1Id), 409, "statement-issued");

    // usage per commune, service, metric and month: the commune's own only
    List<JsonObject> totals =
        assertOk(
                admin.get(
                    "/api/v1/usage/totals?service=e-signature&metric=signatures&from="
                        + day(1, 1)
                        + "&to="
                        + LocalDate.of(year + 1, 1, 1)),
                200)
            .jsonArray()
            .getValuesAs(JsonObject.class);
    assertThat(totals)
        .extracting(t -> t.getString("period"))
        .containsExactly(day(1, 1).toString(), day(2, 1).toString());
    assertThat(totals).allMatch(t -> t.getString("tenant").equals(ANDLAU.insee()));
    assertThat(totals.get(0).getJsonNumber("quantity").bigDecimalValue())
        .isEqualByComparingTo("30");
    assertProblem(
        admin.get("/api/v1/usage/totals?tenant=" + MARMOUTIER.insee()), 404, "tenant-not-found");
  }

  @Test
  void dashboardsShowWhatThePoolingSavesAndTheSimulationRecoversTheSameTotalInEveryScenario()
      throws Exception {
    platform.ensureActiveCommune(INGWILLER);
    ApiClient admin = platform.as(Platform.adminOf(INGWILLER), INGWILLER);
    subscribed(INGWILLER, "document-management", day(1, 1), LocalDate.of(year + 1, 1, 1));
    used(INGWILLER, "document-management", "storage.gb-month", day(3, 31), "10");

    // the commune's elected officials: 10 GB-month at 0.12 € and a full year of the 150 € fee,
    // against 6,000 € a year alone (the reference cost of a commune of 2,000 to 9,999 inhabitants)
    JsonObject dashboard =
        assertOk(admin.get("/api/v1/billing/dashboard/commune?year=" + year), 200).json();
    assertThat(dashboard.getString("insee")).isEqualTo(INGWILLER.insee());
    JsonObject totals = dashboard.getJsonObject("totals");
    assertThat(totals.getJsonNumber("pooledCents").longValue()).isEqualTo(15120);
    assertThat(totals.getJsonNumber("standaloneCents").longValue()).isEqualTo(600000);
    assertThat(totals.getJsonNumber("savingsCents").longValue()).isEqualTo(584880);
    assertThat(totals.getJsonNumber("savingsPercent").bigDecimalValue())
        .isEqualByComparingTo("97.5");
    JsonObject ged = dashboard.getJsonArray("services").getJsonObject(0);
    assertThat(ged.getString("service")).isEqualTo("document-management");
    assertThat(ged.getJsonArray("usage").getJsonObject(0).getString("month"))
        .isEqualTo(year + "-03");
    assertThat(dashboard.getJsonArray("trend")).hasSize(3);
    assertProblem(
        admin.get("/api/v1/billing/dashboard/commune?year=" + year + "&tenant=" + ANDLAU.insee()),
        404,
        "tenant-not-found");
    assertProblem(admin.get("/api/v1/billing/dashboard/metropole?year=" + year), 403, "forbidden");

    // the Eurométropole's: every commune, Ingwiller among them with the same figures
    JsonObject metropole =
        assertOk(operator.get("/api/v1/billing/dashboard/metropole?year=" + year), 200).json();
    assertThat(metropole.getInt("servicesOffered")).isEqualTo(7);
    JsonObject ingwiller =
        metropole.getJsonArray("communes").getValuesAs(JsonObject.class).stream()
            .filter(c -> c.getString("insee").equals(INGWILLER.insee()))
            .findFirst()
            .orElseThrow();
    assertThat(ingwiller.getJsonNumber("savingsCents").longValue()).isEqualTo(584880);
    assertThat(ingwiller.getJsonArray("services").getString(0)).isEqualTo("document-management");
    assertThat(
            metropole.getJsonArray("services").getValuesAs(JsonObject.class).stream()
                .filter(x -> x.getString("service").equals("document-management"))
                .findFirst()
                .orElseThrow()
                .getInt("communesUsing"))
        .isGreaterThanOrEqualTo(1);

    // the references are documented and the DSI keeps them consistent
    List<JsonObject> references =
        admin.get("/api/v1/billing/standalone-costs").jsonArray().getValuesAs(JsonObject.class);
    assertThat(references).hasSize(21).allMatch(r -> !r.getString("source").isBlank());
    assertProblem(
        operator.send(
            "PUT",
            "/api/v1/billing/standalone-costs/document-management/5000",
            "{\"licence\":1,\"hosting\":1,\"maintenance\":1,\"agentTime\":1,\"source\":\"x\"}",
            "application/json"),
        422,
        "invalid-standalone-cost");

    // next year: 10 % more storage; every scenario recovers the same total
    JsonObject simulation =
        assertOk(
                operator.post(
                    "/api/v1/billing/simulations",
                    "{\"baseYear\":"
                        + year
                        + ",\"growth\":{\"document-management\":10},\"scenarios\":["
                        + "{\"name\":\"Usage\",\"kind\":\"USAGE\"},"
                        + "{\"name\":\"Habitants\",\"kind\":\"PER_INHABITANT\"},"
                        + "{\"name\":\"Mixte\",\"kind\":\"MIXED\",\"inhabitantShare\":30}]}"),
                200)
            .json();
    assertThat(simulation.getInt("targetYear")).isEqualTo(year + 1);
    List<JsonObject> communes = simulation.getJsonArray("communes").getValuesAs(JsonObject.class);
    JsonObject projected =
        communes.stream()
            .filter(c -> c.getString("insee").equals(INGWILLER.insee()))
            .findFirst()
            .orElseThrow();
    // 11 GB-month at 0.12 € + the 150 € fee
    assertThat(
            projected
                .getJsonArray("results")
                .getJsonObject(0)
                .getJsonNumber("totalCents")
                .longValue())
        .isEqualTo(15132);
    List<JsonObject> scenarios = simulation.getJsonArray("scenarios").getValuesAs(JsonObject.class);
    for (int i = 0; i < scenarios.size(); i++) {
      int scenario = i;
      long sum =
          communes.stream()
              .mapToLong(
                  c ->
                      c.getJsonArray("results")
                          .getJsonObject(scenario)
                          .getJsonNumber("totalCents")
                          .longValue())
              .sum();
      assertThat(sum).isEqualTo(scenarios.get(i).getJsonNumber("totalCents").longValue());
      assertThat(sum).isEqualTo(scenarios.get(0).getJsonNumber("totalCents").longValue());
    }
    assertProblem(
        operator.post("/api/v1/billing/simulations", "{\"scenarios\":[{\"kind\":\"MIXED\"}]}"),
        400,
        "invalid-scenario");
  }

  @Test
  void badRequestsAreRefusedWithProblemsAndNothingIsWritten() throws Exception {
    platform.ensureActiveCommune(ANDLAU);
    ApiClient admin = platform.as(Platform.adminOf(ANDLAU), ANDLAU);
    assertProblem(
        admin.post(
            "/api/v1/billing/runs", "{\"frequency\":\"MONTHLY\",\"periodStart\":\"2020-01-01\"}"),
        403,
        "forbidden");
    assertProblem(
        operator.post(
            "/api/v1/billing/runs", "{\"frequency\":\"WEEKLY\",\"periodStart\":\"2020-01-01\"}"),
        400,
        "invalid-frequency");
    assertProblem(
        operator.post(
            "/api/v1/billing/runs", "{\"frequency\":\"QUARTERLY\",\"periodStart\":\"2020-02-01\"}"),
        400,
        "invalid-period");
    assertProblem(
        operator.post(
            "/api/v1/billing/runs",
            "{\"frequency\":\"MONTHLY\",\"periodStart\":\""
                + LocalDate.now().plusMonths(2).withDayOfMonth(1)
                + "\"}"),
        422,
        "period-not-started");
    assertProblem(
        operator.post(
            "/api/v1/billing/runs",
            "{\"frequency\":\"MONTHLY\",\"periodStart\":\"2020-01-01\",\"communes\":[\"67999\"]}"),
        422,
        "unknown-communes");
    assertProblem(
        operator.post(
            "/api/v1/tariffs",
            "{\"service\":\"e-signature\",\"validFrom\":\"2020-01-01\",\"annualCost\":-1,\"annualUnits\":0,\"justification\":\"\"}"),
        422,
        "invalid-tariff");
    assertProblem(
        admin.post(
            "/api/v1/tariffs",
            "{\"service\":\"e-signature\",\"validFrom\":\"2020-01-01\",\"annualCost\":1,\"annualUnits\":1,\"justification\":\"x\"}"),
        403,
        "forbidden");
    assertProblem(
        operator.post(
            "/api/v1/usage/corrections/" + ANDLAU.insee(),
            "{\"service\":\"e-signature\",\"metric\":\"signatures\",\"quantity\":0,\"occurredOn\":\"2020-01-01\",\"reason\":\"\",\"key\":\"k\"}"),
        400,
        "invalid-correction");
    // the history of subscriptions is the past only; batches of usage are all or nothing
    assertProblem(
        operator.post(
            "/api/v1/subscriptions/history/" + ANDLAU.insee(),
            "{\"service\":\"e-signature\",\"startsOn\":\"" + LocalDate.now().plusDays(3) + "\"}"),
        422,
        "not-history");
    String key = UUID.randomUUID().toString();
    String good =
        "{\"service\":\"e-signature\",\"metric\":\"signatures\",\"quantity\":2,"
            + "\"occurredAt\":\"1950-06-01T10:00:00+02:00\",\"key\":\""
            + key
            + "\"}";
    JsonObject refused =
        assertProblem(
            operator.post(
                "/api/v1/usage/events/" + ANDLAU.insee(),
                "["
                    + good
                    + ",{\"service\":\"e-signature\",\"metric\":\"signatures\","
                    + "\"quantity\":1,\"occurredAt\":\"hier\",\"key\":\"x\"}]"),
            400,
            "invalid-usage-events");
    assertThat(refused.getJsonArray("errors").getJsonObject(0).getInt("index")).isEqualTo(1);
    JsonObject ingested =
        assertOk(operator.post("/api/v1/usage/events/" + ANDLAU.insee(), "[" + good + "]"), 200)
            .json();
    assertThat(ingested.getInt("recorded")).isEqualTo(1);
    JsonObject again =
        assertOk(operator.post("/api/v1/usage/events/" + ANDLAU.insee(), "[" + good + "]"), 200)
            .json();
    assertThat(again.getInt("duplicates")).isEqualTo(1);
    // usage on a day without any tariff: the commune is skipped with the reason, not billed at 0
    used(ANDLAU, "e-signature", "signatures", LocalDate.of(1950, 3, 10), "2");
    JsonObject skipped = only(run("MONTHLY", LocalDate.of(1950, 3, 1), ANDLAU), ANDLAU);
    assertThat(skipped.getString("result")).isEqualTo("SKIPPED");
    assertThat(skipped.getString("reason")).contains("Aucun tarif");
    assertThat(
            operator
                .get("/api/v1/billing/statements?tenant=" + ANDLAU.insee() + "&year=1950")
                .jsonArray())
        .isEmpty();
    // the tariffs are public to the communes, with their justification
    JsonObject tariff =
        admin
            .get("/api/v1/tariffs?service=e-signature&year=2026")
            .jsonArray()
            .getValuesAs(JsonObject.class)
            .stream()
            .filter(t -> t.getString("validFrom").equals("2026-01-01"))
            .findFirst()
            .orElseThrow();
    assertThat(tariff.getJsonNumber("unitPrice").bigDecimalValue()).isEqualByComparingTo("0.35");
    assertThat(tariff.getString("justification")).contains("150 000 signatures");
  }

  /**
   * A year of 1960–2019 before everything the test communes have there (subscriptions, usage,
   * statements of earlier runs): reruns on the same database go two years back each time, so that
   * nothing an earlier run left (a draft, late usage of an issued period) is earlier than the
   * periods this run bills.
   */
  private static int unusedYear() throws SQLException {
    try (Connection owner = Database.asOwner();
        PreparedStatement read =
            owner.prepareStatement("SELECT set_config('app.cross_tenant_read', 'on', false)");
        PreparedStatement earliest =
            owner.prepareStatement(
                "SELECT least("
                    + "(SELECT min(extract(year FROM starts_on)) FROM subscriptions"
                    + " WHERE tenant_id = ANY (?) AND starts_on BETWEEN '1960-01-01' AND '2019-12-31'),"
                    + " (SELECT min(extract(year FROM occurred_at)) FROM usage_events"
                    + " WHERE tenant_id = ANY (?) AND occurred_at >= '1960-01-01' AND occurred_at < '2020-01-01'),"
                    + " (SELECT min(extract(year FROM period_start)) FROM billing_statements"
                    + " WHERE tenant_id = ANY (?) AND period_start BETWEEN '1960-01-01' AND '2019-12-31'))")) {
      read.executeQuery().close();
      java.sql.Array communes =
          owner.createArrayOf(
              "text", new Object[] {MARMOUTIER.insee(), ANDLAU.insee(), INGWILLER.insee()});
      for (int i = 1; i <= 3; i++) {
        earliest.setArray(i, communes);
      }
      try (java.sql.ResultSet r = earliest.executeQuery()) {
        r.next();
        int year = r.getObject(1) == null ? 2018 : r.getInt(1) - 2;
        if (year < 1960) {
          throw new IllegalStateException(
              "The billing test used every year since 1960: recreate the test database");
        }
        return year;
      }
    }
  }

  private LocalDate day(int month, int dayOfMonth) {
    return LocalDate.of(year, month, dayOfMonth);
  }

  private void tariff(String service, LocalDate from, String cost, String units, String extra) {
    ApiClient.Reply r =
        operator.post(
            "/api/v1/tariffs",
            "{\"service\":\""
                + service
                + "\",\"validFrom\":\""
                + from
                + "\",\"annualCost\":"
                + cost
                + ",\"annualUnits\":"
                + units
                + ",\"justification\":\"Comptes administratifs "
                + from.getYear()
                + " (test)\""
                + extra
                + "}");
    assertThat(r.status()).as(r.toString()).isIn(201, 409);
  }

  private void used(Commune c, String service, String metric, LocalDate day, String quantity) {
    assertOk(
        operator.post(
            "/api/v1/usage/corrections/" + c.insee(),
            "{\"service\":\""
                + service
                + "\",\"metric\":\""
                + metric
                + "\",\"quantity\":"
                + quantity
                + ",\"occurredOn\":\""
                + day
                + "\",\"reason\":\"Reprise d'historique (test)\",\"key\":\""
                + run
                + "-"
                + UUID.randomUUID()
                + "\"}"),
        201);
  }

  private void subscribed(Commune c, String service, LocalDate from, LocalDate to) {
    assertOk(
        operator.post(
            "/api/v1/subscriptions/history/" + c.insee(),
            "{\"service\":\""
                + service
                + "\",\"startsOn\":\""
                + from
                + "\",\"endsOn\":\""
                + to
                + "\",\"deliberationRef\":\"DCM-"
                + from.getYear()
                + "\"}"),
        201);
  }

  private static void bind(Connection connection, String insee) throws SQLException {
    try (PreparedStatement bind =
        connection.prepareStatement("SELECT set_config('app.tenant_id', ?, false)")) {
      bind.setString(1, insee);
      bind.executeQuery().close();
    }
  }

  private JsonObject quarter(LocalDate start, Commune c) {
    return run("QUARTERLY", start, c);
  }

  private JsonObject run(String frequency, LocalDate start, Commune c) {
    return assertOk(
            operator.post(
                "/api/v1/billing/runs",
                "{\"frequency\":\""
                    + frequency
                    + "\",\"periodStart\":\""
                    + start
                    + "\",\"communes\":[\""
                    + c.insee()
                    + "\"]}"),
            200)
        .json();
  }

  private static JsonObject only(JsonObject report, Commune c) {
    List<JsonObject> communes = report.getJsonArray("communes").getValuesAs(JsonObject.class);
    assertThat(communes).hasSize(1);
    assertThat(communes.get(0).getString("commune")).isEqualTo(c.insee());
    return communes.get(0);
  }

  private static void assertLine(JsonObject line, String quantity, String unitPrice, long cents) {
    assertThat(line.getJsonNumber("billedQuantity").bigDecimalValue())
        .as(line.toString())
        .isEqualByComparingTo(quantity);
    assertThat(line.getJsonNumber("unitPrice").bigDecimalValue())
        .as(line.toString())
        .isEqualByComparingTo(unitPrice);
    assertThat(line.getJsonNumber("amountCents").longValue()).as(line.toString()).isEqualTo(cents);
  }
}
