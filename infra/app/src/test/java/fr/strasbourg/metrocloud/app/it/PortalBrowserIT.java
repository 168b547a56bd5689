package fr.strasbourg.metrocloud.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.app.support.HrSimulator;
import fr.strasbourg.metrocloud.app.support.PlatformTestBase;
import fr.strasbourg.metrocloud.testkit.ApiClient;
import fr.strasbourg.metrocloud.testkit.Platform;
import fr.strasbourg.metrocloud.testkit.SampleCommunes.Commune;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The portal's browser tests ({@code portal/e2e}, Node's test runner with playwright-core driving
 * Debian's Chromium and axe-core) against the platform deployed here. This class prepares the
 * communes and people they use, runs them and fails if any fails.
 */
class PortalBrowserIT extends PlatformTestBase {

  private static final Commune ECKBOLSHEIM = new Commune("67118", "Eckbolsheim", "67201", 7199);
  private static final Commune WOLFISHEIM = new Commune("67551", "Wolfisheim", "67202", 4300);
  private static final Commune OBERSCHAEFFOLSHEIM =
      new Commune("67350", "Oberschaeffolsheim", "67203", 2500);

  /** The GED's browser tests work in a commune that no other test uses. */
  private static final Commune BISCHHEIM = new Commune("67043", "Bischheim", "67800", 17939);

  /** The parapheur's browser tests work in a commune that no other test uses. */
  private static final Commune GEISPOLSHEIM = new Commune("67152", "Geispolsheim", "67118", 7700);

  /**
   * The leave requests' browser tests work in a commune that no other test uses; they subscribe it,
   * describe its agents and set the balance themselves, through the API.
   */
  private static final Commune SOUFFELWEYERSHEIM =
      new Commune("67471", "Souffelweyersheim", "67460", 7900);

  /**
   * The mission orders' browser tests work in a commune that no other test uses; they subscribe it,
   * describe the agent, designate the signer and open a budget line themselves, through the API.
   */
  private static final Commune REICHSTETT = new Commune("67389", "Reichstett", "67116", 4600);

  /**
   * The archive's browser tests work in a commune that no other test uses, subscribed to the GED
   * and the archive, with an agent and the archives authority.
   */
  private static final Commune HOENHEIM = new Commune("67204", "Hœnheim", "67800", 11700);

  /**
   * The connectors' browser tests configure the HR connector of a commune no other test uses,
   * against a real HR server of the test JVM.
   */
  private static final Commune WASSELONNE = new Commune("67520", "Wasselonne", "67310", 5800);

  /**
   * The billing pages: a commune with a history of subscriptions since the first of January and
   * usage on the days before today, so that its dashboard and the Eurométropole's have figures.
   */
  private static final Commune VENDENHEIM = new Commune("67506", "Vendenheim", "67550", 5700);

  private static final Pattern COUNT = Pattern.compile("ℹ (tests|pass|fail) (\\d+)");

  @Test
  void thePortalWorksInARealBrowserAndIsAccessible() throws IOException, InterruptedException {
    platform.ensureActiveCommune(ECKBOLSHEIM);
    platform.ensureActiveCommune(WOLFISHEIM);
    platform.ensureActiveCommune(OBERSCHAEFFOLSHEIM);
    platform.ensurePerson("it.dsi", "Dominique", "Exploitant", List.of("platform-operator"));
    platform.ensurePerson(
        "secretariat.e2e", "Sarah", "Secrétaire", List.of("agent"), ECKBOLSHEIM, WOLFISHEIM);

    platform.ensureActiveCommune(BISCHHEIM);
    ApiClient.Reply ged =
        platform
            .as(Platform.adminOf(BISCHHEIM), BISCHHEIM)
            .post("/api/v1/subscriptions", "{\"service\":\"document-management\"}");
    assertThat(ged.status()).as(ged.toString()).isIn(201, 409);
    platform.ensurePerson("agent.bischheim", "Agnès", "Agent", List.of("agent"), BISCHHEIM);

    platform.ensureActiveCommune(GEISPOLSHEIM);
    for (String service : List.of("document-management", "e-signature")) {
      ApiClient.Reply r =
          platform
              .as(Platform.adminOf(GEISPOLSHEIM), GEISPOLSHEIM)
              .post("/api/v1/subscriptions", "{\"service\":\"" + service + "\"}");
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
    platform.ensurePerson("agent.geispolsheim", "Gaëlle", "Agent", List.of("agent"), GEISPOLSHEIM);
    platform.ensurePerson(
        "maire.geispolsheim", "Georges", "Maire", List.of("elected-official"), GEISPOLSHEIM);

    platform.ensureActiveCommune(SOUFFELWEYERSHEIM);
    platform.ensurePerson(
        "agent.souffelweyersheim", "Solène", "Agent", List.of("agent"), SOUFFELWEYERSHEIM);
    platform.ensurePerson(
        "chef.souffelweyersheim", "Samuel", "Chef", List.of("agent", "manager"), SOUFFELWEYERSHEIM);

    platform.ensureActiveCommune(REICHSTETT);
    platform.ensurePerson("agent.reichstett", "Rémi", "Agent", List.of("agent"), REICHSTETT);
    platform.ensurePerson(
        "chef.reichstett", "Rachel", "Chef", List.of("agent", "manager"), REICHSTETT);
    platform.ensurePerson(
        "maire.reichstett", "Robert", "Maire", List.of("elected-official"), REICHSTETT);

    platform.ensureActiveCommune(HOENHEIM);
    for (String service : List.of("document-management", "archiving")) {
      ApiClient.Reply r =
          platform
              .as(Platform.adminOf(HOENHEIM), HOENHEIM)
              .post("/api/v1/subscriptions", "{\"service\":\"" + service + "\"}");
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
    platform.ensurePerson("agent.hoenheim", "Hugo", "Agent", List.of("agent"), HOENHEIM);
    platform.ensurePerson(
        "archiviste.hoenheim", "Hélène", "Archiviste", List.of("archivist"), HOENHEIM);

    platform.ensureActiveCommune(WASSELONNE);
    HrSimulator hr = new HrSimulator("metrocloud-e2e", "e2e-secret").start();

    billingHistory();

    File portal = new File(System.getProperty("metrocloud.portal.dir", "../../portal"));
    ProcessBuilder node =
        new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec", "e2e/")
            .directory(portal)
            .redirectErrorStream(true);
    Map<String, String> env = node.environment();
    env.put("BASE_URL", platform.env().apiUrl());
    env.put("KEYCLOAK_URL", platform.env().keycloakUrl());
    env.put("PASSWORD", Platform.PASSWORD);
    env.put("AUTOMATION_SECRET", platform.env().automationSecret());
    env.put("CHROMIUM", System.getProperty("metrocloud.chromium", "/usr/bin/chromium"));
    env.put("ADMIN_USER", Platform.adminOf(ECKBOLSHEIM));
    env.put("ADMIN_COMMUNE", ECKBOLSHEIM.insee());
    env.put("OPERATOR_USER", "it.dsi");
    env.put("OPERATED_COMMUNE", WOLFISHEIM.name());
    env.put("SHARED_USER", "secretariat.e2e");
    env.put("SHARED_SECOND_COMMUNE", WOLFISHEIM.insee());
    env.put("SUSPENDED_ADMIN", Platform.adminOf(OBERSCHAEFFOLSHEIM));
    env.put("SUSPENDED_COMMUNE", OBERSCHAEFFOLSHEIM.insee());
    env.put("GED_AGENT_USER", "agent.bischheim");
    env.put("GED_COMMUNE", BISCHHEIM.insee());
    env.put("PARAPHEUR_COMMUNE", GEISPOLSHEIM.insee());
    env.put("PARAPHEUR_ADMIN", Platform.adminOf(GEISPOLSHEIM));
    env.put("PARAPHEUR_AGENT", "agent.geispolsheim");
    env.put("PARAPHEUR_SIGNER", "maire.geispolsheim");
    env.put("LEAVE_COMMUNE", SOUFFELWEYERSHEIM.insee());
    env.put("LEAVE_ADMIN", Platform.adminOf(SOUFFELWEYERSHEIM));
    env.put("LEAVE_AGENT", "agent.souffelweyersheim");
    env.put("LEAVE_AGENT_NAME", "Solène Agent");
    env.put("LEAVE_MANAGER", "chef.souffelweyersheim");
    env.put("LEAVE_MANAGER_NAME", "Samuel Chef");
    env.put("MISSION_COMMUNE", REICHSTETT.insee());
    env.put("MISSION_ADMIN", Platform.adminOf(REICHSTETT));
    env.put("MISSION_AGENT", "agent.reichstett");
    env.put("MISSION_AGENT_NAME", "Rémi Agent");
    env.put("MISSION_MANAGER", "chef.reichstett");
    env.put("MISSION_SIGNER", "maire.reichstett");
    env.put("ARCHIVE_COMMUNE", HOENHEIM.insee());
    env.put("ARCHIVE_ADMIN", Platform.adminOf(HOENHEIM));
    env.put("ARCHIVE_AGENT", "agent.hoenheim");
    env.put("ARCHIVE_AUTHORITY", "archiviste.hoenheim");
    env.put("INTEGRATION_COMMUNE", WASSELONNE.insee());
    env.put("INTEGRATION_ADMIN", Platform.adminOf(WASSELONNE));
    env.put("INTEGRATION_HR_URL", hr.baseUrl());
    env.put("BILLING_COMMUNE", VENDENHEIM.insee());
    env.put("BILLING_ADMIN", Platform.adminOf(VENDENHEIM));
    env.put("BILLING_RUN_COMMUNE", VENDENHEIM.insee());

    Process process = node.start();
    List<String> output = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        System.out.println("[browser] " + line);
        output.add(line);
      }
    }
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    hr.close();
    assertThat(finished).as("browser tests finished").isTrue();

    int tests = -1;
    int pass = -1;
    int fail = -1;
    for (String line : output) {
      Matcher m = COUNT.matcher(line);
      if (m.find()) {
        int n = Integer.parseInt(m.group(2));
        switch (m.group(1)) {
          case "tests" -> tests = n;
          case "pass" -> pass = n;
          default -> fail = n;
        }
      }
    }
    Path summary = Path.of("target", "browser-tests-summary.txt");
    Files.writeString(
        summary, tests + " tests, " + pass + " passed, " + fail + " failed (Chromium, axe-core)\n");
    assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
    assertThat(fail).isZero();
    assertThat(tests).isGreaterThanOrEqualTo(34);
    assertThat(pass).isEqualTo(tests);
  }

  /** Vendenheim's year so far: subscriptions taken over since 1 January, daily usage. */
  private void billingHistory() {
    platform.ensureActiveCommune(VENDENHEIM);
    ApiClient operator = platform.operator();
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris"));
    java.time.LocalDate since = today.withDayOfYear(1);
    if (!since.isBefore(today)) {
      return; // the first of January: no past this year
    }
    for (String service : List.of("e-signature", "document-management", "leave-requests")) {
      ApiClient.Reply r =
          operator.post(
              "/api/v1/subscriptions/history/" + VENDENHEIM.insee(),
              "{\"service\":\"" + service + "\",\"startsOn\":\"" + since + "\"}");
      assertThat(r.status()).as(r.toString()).isIn(201, 409);
    }
    StringBuilder events = new StringBuilder("[");
    for (java.time.LocalDate d = since; d.isBefore(today); d = d.plusDays(1)) {
      if (events.length() > 1) {
        events.append(',');
      }
      int n = 5 + d.getDayOfMonth() % 7;
      events.append(
          String.format(
              "{\"service\":\"e-signature\",\"metric\":\"signatures\",\"quantity\":%d,"
                  + "\"occurredAt\":\"%sT10:00:00+01:00\",\"key\":\"e2e/signatures/%s\"},"
                  + "{\"service\":\"document-management\",\"metric\":\"storage.gb-month\","
                  + "\"quantity\":0.004,\"occurredAt\":\"%sT10:00:00+01:00\",\"key\":\"e2e/ged/%s\"}",
              n, d, d, d, d));
    }
    ApiClient.Reply r =
        operator.post("/api/v1/usage/events/" + VENDENHEIM.insee(), events.append(']').toString());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }
}
