package fr.strasbourg.metrocloud.testkit;

import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seeds the demo platform started by {@code ./metrocloud up}: provisions the 33 member communes
 * through the API (as the DSI automation), sets the demo password of their administrators, creates
 * the demo people of Strasbourg, Eschau, Kolbsheim/Osthoffen and the DSI, takes over the communes'
 * billing history since 2025 ({@link DemoBilling}), and subscribes a few communes to services.
 * Idempotent: a second run changes nothing.
 */
public final class DemoSeeder {

  private DemoSeeder() {}

  /** A demo login to print. */
  record Login(String who, String username, String commune) {}

  public static void main(String[] args) {
    Platform platform = Platform.fromSystem();
    List<Commune> communes = SampleCommunes.members();
    long start = System.nanoTime();
    for (Commune c : communes) {
      platform.ensureActiveCommune(c);
    }
    System.out.printf(
        "  %d communes provisioned and active (%d s)%n",
        communes.size(), (System.nanoTime() - start) / 1_000_000_000L);

    List<Login> logins = new ArrayList<>();
    platform.ensurePerson("dsi.operateur", "Olivier", "Exploitant", List.of("platform-operator"));
    logins.add(new Login("Opérateur DSI de l'Eurométropole", "dsi.operateur", "—"));
    for (Commune c : List.of(SampleCommunes.STRASBOURG, SampleCommunes.ESCHAU)) {
      String s = c.slug();
      platform.ensurePerson("agent." + s, "Alice", "Agent", List.of("agent"), c);
      platform.ensurePerson("manager." + s, "Marc", "Encadrant", List.of("manager", "agent"), c);
      platform.ensurePerson("elu." + s, "Élise", "Élue", List.of("elected-official"), c);
      logins.add(new Login("Administrateur de la commune", Platform.adminOf(c), c.name()));
      logins.add(new Login("Agent", "agent." + s, c.name()));
      logins.add(new Login("Encadrant (manager)", "manager." + s, c.name()));
      logins.add(new Login("Élu(e)", "elu." + s, c.name()));
    }
    platform.ensurePerson(
        "secretariat.kolbsheim-osthoffen",
        "Sophie",
        "Secrétaire",
        List.of("agent"),
        SampleCommunes.KOLBSHEIM,
        SampleCommunes.OSTHOFFEN);
    logins.add(
        new Login(
            "Secrétaire de mairie partagée (choisit la commune)",
            "secretariat.kolbsheim-osthoffen",
            "Kolbsheim / Osthoffen"));

    DemoBilling.seed(platform, communes);

    Map<Commune, List<String>> subscriptions =
        Map.of(
            SampleCommunes.STRASBOURG,
                List.of(
                    "e-signature",
                    "document-management",
                    "archiving",
                    "leave-requests",
                    "mission-orders"),
            SampleCommunes.ESCHAU, List.of("e-signature", "leave-requests"),
            SampleCommunes.KOLBSHEIM, List.of("document-management"),
            SampleCommunes.OSTHOFFEN, List.of("document-management"));
    subscriptions.forEach(
        (commune, services) -> {
          ApiClient admin = platform.as(Platform.adminOf(commune), commune);
          for (String service : services) {
            ApiClient.Reply r =
                admin.post(
                    "/api/v1/subscriptions",
                    Json.createObjectBuilder()
                        .add("service", service)
                        .add("deliberationRef", "DCM-DEMO-" + commune.insee())
                        .build());
            if (r.status() != 201 && r.status() != 409) {
              throw new IllegalStateException(
                  "Subscription of " + commune.name() + " to " + service + ": " + r);
            }
          }
        });

    seedParapheur(platform, SampleCommunes.STRASBOURG);
    seedLeave(platform, SampleCommunes.STRASBOURG);
    seedLeave(platform, SampleCommunes.ESCHAU);
    seedMissions(platform, SampleCommunes.STRASBOURG);
    seedArchive(platform, SampleCommunes.STRASBOURG);
    seedConnectors(platform, SampleCommunes.STRASBOURG);
    logins.add(
        new Login(
            "Autorité d'archives (co-approuve les éliminations)",
            "archiviste.strasbourg",
            SampleCommunes.STRASBOURG.name()));

    System.out.println();
    System.out.println("  Comptes de démonstration (mot de passe : " + Platform.PASSWORD + ")");
    System.out.printf("  %-52s %-34s %s%n", "Rôle", "Identifiant", "Commune");
    for (Login l : logins) {
      System.out.printf("  %-52s %-34s %s%n", l.who(), l.username(), l.commune());
    }
    System.out.println(
        "  (chaque commune a aussi son administrateur admin.<commune>, ex. admin.illkirch-graffenstaden)");
  }

  /**
   * A circuit « Arrêtés du maire » (visa of the manager, signature of the elected official) and one
   * folder awaiting the visa, so that the parapheur has something to show. Idempotent.
   */
  static void seedParapheur(Platform platform, Commune c) {
    String s = c.slug();
    ApiClient admin = platform.as(Platform.adminOf(c), c);
    String name = "Arrêtés du maire";
    String template =
        admin
            .get("/api/v1/parapheur/templates")
            .jsonArray()
            .getValuesAs(jakarta.json.JsonObject.class)
            .stream()
            .filter(t -> t.getString("name").equals(name))
            .map(t -> t.getString("id"))
            .findFirst()
            .orElse(null);
    if (template == null) {
      ApiClient.Reply created =
          admin.post(
              "/api/v1/parapheur/templates",
              "{\"name\":\""
                  + name
                  + "\",\"description\":\"Visa du directeur général des services, puis signature du maire\","
                  + "\"steps\":[{\"stage\":1,\"kind\":\"VISA\",\"username\":\"manager."
                  + s
                  + "\",\"label\":\"Directeur général des services\"},"
                  + "{\"stage\":2,\"kind\":\"SIGNATURE\",\"username\":\"elu."
                  + s
                  + "\",\"label\":\"Maire\"}]}");
      if (created.status() != 201) {
        throw new IllegalStateException("Demo circuit of " + c.name() + ": " + created);
      }
      template = created.json().getString("id");
    }
    ApiClient agent = platform.as("agent." + s, c);
    String title = "Arrêté de circulation — démonstration";
    boolean present =
        agent
            .get("/api/v1/parapheur/folders?status=IN_PROGRESS")
            .jsonArray()
            .getValuesAs(jakarta.json.JsonObject.class)
            .stream()
            .anyMatch(f -> f.getString("title").equals(title));
    if (!present) {
      ApiClient.Reply submitted =
          agent.upload(
              "/api/v1/parapheur/folders/upload?template="
                  + template
                  + "&title="
                  + java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8),
              "arrete-circulation.pdf",
              "application/pdf",
              SampleFiles.pdf(
                  "Arrêté municipal portant réglementation de la circulation",
                  "Le maire de "
                      + c.name()
                      + " arrête : la circulation est interdite rue du Marché le 14 juillet."));
      if (submitted.status() != 201) {
        throw new IllegalStateException("Demo folder of " + c.name() + ": " + submitted);
      }
    }
  }

  /**
   * The archivist (archives authority), automatic archiving of signed acts, a deliberation kept for
   * good and an invoice of 2012 whose retention has ended (so that « Éliminations » has something
   * to propose). Idempotent.
   */
  static void seedArchive(Platform platform, Commune c) {
    platform
        .keycloak()
        .ensureRealmRole(
            "archivist",
            "Autorité d'archives : contrôle et co-approuve les éliminations d'archives de la commune.");
    platform.ensurePerson("archiviste." + c.slug(), "Anne", "Archiviste", List.of("archivist"), c);
    ApiClient admin = platform.as(Platform.adminOf(c), c);
    put(
        admin,
        "/api/v1/archive/settings",
        "{\"autoArchiveSigned\":true,\"service\":\"SECRETARIAT_GENERAL\",\"ruleCode\":\"ARRETES\"}");
    ApiClient agent = platform.as("agent." + c.slug(), c);
    if (agent.get("/api/v1/archive/units?limit=1").json().getInt("total") > 0) {
      return;
    }
    archive(
        agent,
        "deliberation-2026-01.pdf",
        SampleFiles.pdf(
            "Délibération n° 2026-01 du conseil municipal",
            "Adhésion de la commune au service commun d'archivage électronique."),
        "{\"service\":\"SECRETARIAT_GENERAL\",\"ruleCode\":\"DELIBERATIONS\","
            + "\"description\":\"Délibération d'adhésion au SAE mutualisé\","
            + "\"keywords\":[\"conseil municipal\",\"archivage\"]");
    archive(
        agent,
        "facture-2012-0042.pdf",
        SampleFiles.pdf("Facture n° 2012-0042", "Fourniture de mobilier scolaire."),
        "{\"service\":\"FINANCES\",\"ruleCode\":\"FACTURES\",\"retentionStart\":\"2013-01-01\","
            + "\"description\":\"Facture de mobilier scolaire (exercice 2012)\"");
  }

  /**
   * The commune's HR and finance connectors, to the simulated software started by {@code
   * ./metrocloud up}: approving the demo leave request sends it to the HR software.
   */
  static void seedConnectors(Platform platform, Commune c) {
    String base = Environment.get("metrocloud.simulators.url", "http://127.0.0.1:9400");
    ApiClient admin = platform.as(Platform.adminOf(c), c);
    String sftp = Environment.get("metrocloud.simulators.sftp-url", "sftp://127.0.0.1:9422");
    // HR over SFTP (agents files in rh/export/, records as files in rh/import/), finance over REST
    for (String[] connector :
        new String[][] {{"HR", "SFTP", sftp + "/rh"}, {"FINANCE", "REST", base + "/finances"}}) {
      put(
          admin,
          "/api/v1/integration/connectors/" + connector[0],
          "{\"transport\":\""
              + connector[1]
              + "\",\"endpoint\":\""
              + connector[2]
              + "\",\"username\":\""
              + CounterpartSimulators.USER
              + "\",\"secret\":\""
              + CounterpartSimulators.PASSWORD
              + "\",\"scheduleMinutes\":60}");
    }
  }

  private static void archive(ApiClient agent, String fileName, byte[] pdf, String jsonStart) {
    ApiClient.Reply uploaded = agent.upload("/api/v1/documents", fileName, "application/pdf", pdf);
    if (uploaded.status() != 201) {
      throw new IllegalStateException("Demo document " + fileName + ": " + uploaded);
    }
    ApiClient.Reply archived =
        agent.post(
            "/api/v1/archive/units",
            jsonStart + ",\"documentId\":\"" + uploaded.json().getString("id") + "\"}");
    if (archived.status() != 201) {
      throw new IllegalStateException("Demo archive unit " + fileName + ": " + archived);
    }
  }

  /**
   * The agent's manager, balances (CA 25, RTT 12, CET 5 days) and one leave request awaiting the
   * manager's decision, so that « Mes tâches » has something to show. Idempotent.
   */
  static void seedLeave(Platform platform, Commune c) {
    String s = c.slug();
    ApiClient admin = platform.as(Platform.adminOf(c), c);
    put(
        admin,
        "/api/v1/workflow/agents/agent." + s,
        "{\"displayName\":\"Alice Agent\",\"service\":\"Services techniques\","
            + "\"managerUsername\":\"manager."
            + s
            + "\",\"workingPattern\":\"MON,TUE,WED,THU,FRI\"}");
    put(
        admin,
        "/api/v1/workflow/agents/manager." + s,
        "{\"displayName\":\"Marc Encadrant\",\"service\":\"Services techniques\","
            + "\"workingPattern\":\"MON,TUE,WED,THU,FRI\"}");
    for (String person : List.of("agent." + s, "manager." + s)) {
      for (String[] balance :
          List.of(
              new String[] {"CA", "25"}, new String[] {"RTT", "12"}, new String[] {"CET", "5"})) {
        put(
            admin,
            "/api/v1/leave/balances/" + person + "/" + balance[0],
            "{\"days\":" + balance[1] + "}");
      }
    }
    ApiClient agent = platform.as("agent." + s, c);
    boolean pending =
        agent
            .get("/api/v1/leave/requests")
            .jsonArray()
            .getValuesAs(jakarta.json.JsonObject.class)
            .stream()
            .anyMatch(r -> r.getString("status").equals("PENDING"));
    if (!pending) {
      // a Monday to Wednesday about six weeks ahead (the server refuses days without work)
      java.time.LocalDate start =
          java.time.LocalDate.now()
              .plusWeeks(6)
              .with(
                  java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
      ApiClient.Reply r =
          agent.post(
              "/api/v1/leave/requests",
              "{\"type\":\"CA\",\"startDate\":\""
                  + start
                  + "\",\"endDate\":\""
                  + start.plusDays(2)
                  + "\",\"comment\":\"Vacances en famille\"}");
      if (r.status() != 201) {
        throw new IllegalStateException("Demo leave request of " + c.name() + ": " + r);
      }
    }
  }

  /**
   * The mayor signs mission orders; two budget lines of this year and the next; one order awaiting
   * the manager. Idempotent.
   */
  static void seedMissions(Platform platform, Commune c) {
    String s = c.slug();
    ApiClient admin = platform.as(Platform.adminOf(c), c);
    put(
        admin,
        "/api/v1/missions/settings",
        "{\"signerUsername\":\"elu." + s + "\",\"signerLabel\":\"Maire\"}");
    int year = java.time.LocalDate.now().getYear();
    for (int y : List.of(year, year + 1)) {
      put(
          admin,
          "/api/v1/missions/budget-lines/6256-FORM/" + y,
          "{\"label\":\"Missions et formations\",\"service\":\"Ressources humaines\",\"amount\":25000}");
      put(
          admin,
          "/api/v1/missions/budget-lines/6251-TECH/" + y,
          "{\"label\":\"Déplacements des services techniques\",\"service\":\"Services techniques\",\"amount\":8000}");
    }
    ApiClient agent = platform.as("agent." + s, c);
    boolean any = !agent.get("/api/v1/missions").jsonArray().isEmpty();
    if (!any) {
      java.time.LocalDate day = java.time.LocalDate.now().plusWeeks(3);
      ApiClient.Reply r =
          agent.post(
              "/api/v1/missions",
              "{\"purpose\":\"Salon des maires et des collectivités locales\",\"destination\":\"Paris\","
                  + "\"destinationPopulation\":2100000,\"paris\":true,\"departure\":\""
                  + day
                  + "T06:30\",\"returnAt\":\""
                  + day.plusDays(1)
                  + "T21:30\",\"transport\":\"TRAIN\",\"fare\":196,\"budgetLine\":\"6256-FORM\"}");
      if (r.status() != 201) {
        throw new IllegalStateException("Demo mission order of " + c.name() + ": " + r);
      }
    }
  }

  private static void put(ApiClient admin, String path, String json) {
    ApiClient.Reply r = admin.send("PUT", path, json, "application/json");
    if (r.status() != 200) {
      throw new IllegalStateException("Demo data " + path + ": " + r);
    }
  }
}
