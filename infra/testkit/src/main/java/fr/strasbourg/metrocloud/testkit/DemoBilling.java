package fr.strasbourg.metrocloud.testkit;

import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's billing history: 2025 tariffs, the 33 communes' subscriptions since 2025 (taken over
 * as history by the DSI), their monthly usage up to last month (ingested as a metering source
 * would), the 2025 yearly statements and the quarters of this year issued, so that the statements,
 * the dashboards and the budget simulation have something to show. Idempotent: the usage keys, the
 * runs and the tariffs are the same on a second run.
 */
final class DemoBilling {

  /** The services a commune uses, by size (a small commune does not need a finance connector). */
  static List<String> servicesOf(Commune c) {
    List<String> services = new ArrayList<>(List.of("e-signature", "document-management"));
    if (c.population() >= 2000) {
      services.add("leave-requests");
    }
    if (c.population() >= 5000 || c.insee().equals(SampleCommunes.STRASBOURG.insee())) {
      services.add("archiving");
      services.add("mission-orders");
    }
    if (c.population() >= 10000) {
      services.add("finance-connector");
      services.add("hr-connector");
    }
    // a few communes joined later: they show prorated first periods
    if (Integer.parseInt(c.insee().substring(2)) % 5 == 0 && c.population() < 10000) {
      services.remove("document-management");
    }
    return services;
  }

  private DemoBilling() {}

  static void seed(Platform platform, List<Commune> communes) {
    ApiClient operator = platform.operator();
    tariffs2025(operator);
    LocalDate today = LocalDate.now();
    YearMonth lastMonth = YearMonth.from(today).minusMonths(1);
    for (Commune c : communes) {
      LocalDate since =
          Integer.parseInt(c.insee().substring(2)) % 3 == 0
              ? LocalDate.of(2025, 4, 10)
              : LocalDate.of(2025, 1, 1);
      for (String service : servicesOf(c)) {
        ApiClient.Reply r =
            operator.post(
                "/api/v1/subscriptions/history/" + c.insee(),
                Json.createObjectBuilder()
                    .add("service", service)
                    .add("startsOn", since.toString())
                    .add("deliberationRef", "DCM-2024-" + c.insee())
                    .build());
        if (r.status() != 201 && r.status() != 409) {
          throw new IllegalStateException("History of " + c.name() + ", " + service + ": " + r);
        }
      }
      usage(operator, c, since, lastMonth);
    }
    // 2025 billed by year, this year by quarter
    issue(operator, "YEARLY", LocalDate.of(2025, 1, 1));
    for (LocalDate q = LocalDate.of(today.getYear(), 1, 1);
        !q.plusMonths(3).isAfter(today);
        q = q.plusMonths(3)) {
      issue(operator, "QUARTERLY", q);
    }
    System.out.println(
        "  Facturation : historique 2025 et trimestres émis pour " + communes.size() + " communes");
  }

  private static void tariffs2025(ApiClient operator) {
    String[][] tariffs = {
      {"e-signature", "48000.00", "150000", ""},
      {"document-management", "39600.00", "360000", ",\"yearlyBaseFee\":150.00"},
      {"archiving", "25200.00", "90000", ",\"yearlyBaseFee\":280.00"},
      {"leave-requests", "36480.00", "96000", ""},
      {"mission-orders", "10080.00", "36000", ""},
      {"finance-connector", "15120.00", "360", ""},
      {"hr-connector", "15120.00", "360", ""}
    };
    for (String[] t : tariffs) {
      ApiClient.Reply r =
          operator.post(
              "/api/v1/tariffs",
              "{\"service\":\""
                  + t[0]
                  + "\",\"validFrom\":\"2025-01-01\",\"annualCost\":"
                  + t[1]
                  + ",\"annualUnits\":"
                  + t[2]
                  + ",\"justification\":\"Comptes administratifs 2024 de l'Eurométropole (exemple"
                  + " de démonstration).\""
                  + t[3]
                  + "}");
      if (r.status() != 201 && r.status() != 409) {
        throw new IllegalStateException("Tariff 2025 of " + t[0] + ": " + r);
      }
    }
  }

  /** One event per service and month: a quantity that follows the commune's size and season. */
  private static void usage(ApiClient operator, Commune c, LocalDate since, YearMonth last) {
    JsonArrayBuilder events = Json.createArrayBuilder();
    int count = 0;
    for (YearMonth m = YearMonth.from(since); !m.isAfter(last); m = m.plusMonths(1)) {
      double season = 1 + 0.15 * Math.sin(m.getMonthValue() / 12.0 * 2 * Math.PI);
      double growth = 1 + 0.01 * (m.getYear() - 2025) * 12 + 0.01 * m.getMonthValue();
      double size = Math.max(c.population(), 300);
      for (String service : servicesOf(c)) {
        String metric;
        double quantity;
        switch (service) {
          case "e-signature" -> {
            metric = "signatures";
            quantity = Math.round(size / 90 * season * growth);
          }
          case "document-management" -> {
            metric = "storage.gb-month";
            quantity = round(size / 40 * growth);
          }
          case "archiving" -> {
            metric = "archive.gb-month";
            quantity = round(size / 150 * growth);
          }
          case "leave-requests" -> {
            metric = "active-agents";
            quantity = Math.round(size / 120 * season);
          }
          case "mission-orders" -> {
            metric = "active-agents";
            quantity = Math.round(size / 600 * season);
          }
          default -> {
            continue; // connectors are billed per month of subscription
          }
        }
        events.add(
            Json.createObjectBuilder()
                .add("service", service)
                .add("metric", metric)
                .add("quantity", quantity)
                .add("occurredAt", m.atDay(15) + "T10:00:00Z")
                .add("key", "demo/" + service + "/" + m)
                .add("source", "demo.metering"));
        count++;
      }
    }
    if (count == 0) {
      return;
    }
    ApiClient.Reply r =
        operator.post("/api/v1/usage/events/" + c.insee(), events.build().toString());
    if (r.status() != 200) {
      throw new IllegalStateException("Usage of " + c.name() + ": " + r);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static void issue(ApiClient operator, String frequency, LocalDate start) {
    ApiClient.Reply run =
        operator.post(
            "/api/v1/billing/runs",
            "{\"frequency\":\"" + frequency + "\",\"periodStart\":\"" + start + "\"}");
    if (run.status() != 200) {
      throw new IllegalStateException("Billing run " + start + ": " + run);
    }
    JsonObject report = run.json();
    List<String> skipped =
        report.getJsonArray("communes").getValuesAs(JsonObject.class).stream()
            .filter(o -> o.getString("result").equals("SKIPPED"))
            .map(o -> o.getString("name") + " (" + o.getString("reason", "") + ")")
            .toList();
    if (!skipped.isEmpty()) {
      System.out.println(
          String.format(Locale.ROOT, "  Facturation %s : non facturées %s", start, skipped));
    }
    String id = report.getJsonObject("run").getString("id");
    ApiClient.Reply issued = operator.post("/api/v1/billing/runs/" + id + "/issue", "{}");
    if (issued.status() != 200) {
      throw new IllegalStateException("Issue of " + start + ": " + issued);
    }
  }
}
