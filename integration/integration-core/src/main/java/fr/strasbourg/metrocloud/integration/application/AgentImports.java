package fr.strasbourg.metrocloud.integration.application;

import fr.strasbourg.metrocloud.integration.api.Outbox.Connector;
import fr.strasbourg.metrocloud.integration.application.AgentImportSteps.ImportReport;
import fr.strasbourg.metrocloud.integration.domain.AgentsFile;
import fr.strasbourg.metrocloud.integration.domain.AgentsFile.AgentLine;
import fr.strasbourg.metrocloud.integration.domain.AgentsFile.LineError;
import fr.strasbourg.metrocloud.integration.domain.SftpAddress;
import fr.strasbourg.metrocloud.kernel.problem.BadGatewayProblem;
import fr.strasbourg.metrocloud.kernel.problem.PayloadTooLargeProblem;
import fr.strasbourg.metrocloud.kernel.problem.Problem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.tenants.api.CommuneAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;

/**
 * HR → platform, the agents directory. A file (uploaded by the administrator, or fetched from the
 * HR software over REST or SFTP, on demand or on the connector's schedule) is read line by line:
 * each good line is applied in its own transaction — account in the commune's organization for a
 * newcomer, procedures' directory and leave balances, or, for a leaver, account disabled and
 * signing certificates revoked — and each bad line reported with its number and reason. A line
 * identical to the one last applied for the agent changes nothing; the same file received twice is
 * recorded as a duplicate and applied once.
 */
@ApplicationScoped
public class AgentImports {

  private static final Logger LOG = Logger.getLogger(AgentImports.class.getName());

  /** Larger files are refused (a commune of 20 000 agents exports about 4 MB). */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Inject AgentImportSteps steps;

  @Inject CommuneAccounts accounts;

  @Inject Connectors connectors;

  @Inject ConnectorSecrets secrets;

  @Inject CamelRuntime camel;

  @Inject Clock clock;

  @Inject IntegrationMetrics metrics;

  /** Reads and applies a file; whole-file refusals are recorded, then thrown as 422 problems. */
  public ImportReport importFile(
      CallContext caller, String source, String fileName, byte[] content) {
    if (content.length > MAX_BYTES) {
      throw new PayloadTooLargeProblem(
          "file-too-large", "Fichier des agents limité à 10 Mo (" + content.length + " octets).");
    }
    String name = fileName == null || fileName.isBlank() ? "agents.csv" : clip(fileName.strip());
    String sha = sha256(content);
    UUID id = UUID.randomUUID();
    Optional<UUID> earlier = steps.appliedBefore(caller, sha);
    if (earlier.isPresent()) {
      return steps.record(
          caller, notApplied(caller, id, source, name, sha, "DUPLICATE", earlier.get(), List.of()));
    }
    Optional<Connectors.Stored> connector = connectors.find(caller, Connector.HR);
    Map<String, String> mappings =
        mappings(connector.map(Connectors.Stored::mappings).orElse("{}"));
    AgentsFile.Parsed parsed;
    try {
      parsed =
          AgentsFile.parse(content, mappings, AgentsFile.Encoding.of(mappings.get("encoding")));
    } catch (AgentsFile.Unreadable e) {
      steps.record(
          caller,
          notApplied(
              caller,
              id,
              source,
              name,
              sha,
              "REJECTED",
              null,
              List.of(new LineError(1, null, e.getMessage()))));
      throw new UnprocessableProblem(e.code(), e.getMessage()).with("importId", id.toString());
    }
    List<LineError> errors = new ArrayList<>(parsed.errors());
    Set<String> inFile =
        parsed.agents().stream().map(AgentLine::username).collect(Collectors.toSet());
    LocalDate today = LocalDate.now(clock.withZone(PARIS));
    int applied = 0;
    int unchanged = 0;
    int created = 0;
    int left = 0;
    for (AgentLine agent : parsed.agents()) {
      try {
        boolean same =
            steps
                .fingerprint(caller, agent.username())
                .filter(agent.fingerprint()::equals)
                .isPresent();
        if (agent.leftOn(today)) {
          if (same) {
            unchanged++;
            continue;
          }
          boolean changed = steps.applyLeaver(caller, id, agent);
          changed |= accounts.disable(caller, agent.username());
          if (changed) {
            left++;
            applied++;
          } else {
            unchanged++;
          }
          continue;
        }
        if (same) {
          unchanged++;
          continue;
        }
        if (agent.manager() != null
            && !inFile.contains(agent.manager())
            && !steps.knows(caller, agent.manager())) {
          errors.add(
              new LineError(
                  agent.line(),
                  agent.username(),
                  "Responsable inconnu « "
                      + agent.manager()
                      + " » : absent du fichier et de l'annuaire de la commune."));
          continue;
        }
        CommuneAccounts.Outcome account =
            accounts.ensureAgent(
                caller, agent.username(), agent.firstName(), agent.lastName(), agent.email());
        if (account == CommuneAccounts.Outcome.TAKEN) {
          errors.add(
              new LineError(
                  agent.line(),
                  agent.username(),
                  "L'identifiant « "
                      + agent.username()
                      + " » est celui d'un compte qui n'appartient pas à la seule commune : ligne"
                      + " ignorée (choisissez un autre identifiant)."));
          continue;
        }
        steps.applyPresent(caller, id, agent);
        applied++;
        if (account == CommuneAccounts.Outcome.CREATED) {
          created++;
        }
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "Agent line " + agent.line() + " not applied", e);
        errors.add(new LineError(agent.line(), agent.username(), reason(e)));
      }
    }
    errors.sort(java.util.Comparator.comparingInt(LineError::line));
    metrics.agentLines(caller.tenant().value(), "applied", applied);
    metrics.agentLines(caller.tenant().value(), "unchanged", unchanged);
    metrics.agentLines(caller.tenant().value(), "error", errors.size());
    String status = errors.isEmpty() ? "APPLIED" : applied + unchanged > 0 ? "PARTIAL" : "REJECTED";
    return steps.record(
        caller,
        new ImportReport(
            id,
            source,
            name,
            sha,
            parsed.encoding(),
            status,
            null,
            parsed.lines(),
            applied,
            unchanged,
            created,
            left,
            List.copyOf(errors),
            clock.instant(),
            caller.actor().displayName()));
  }

  /** The report of a file applied not at all (already applied, or unreadable as a whole). */
  private ImportReport notApplied(
      CallContext caller,
      UUID id,
      String source,
      String name,
      String sha,
      String status,
      UUID duplicateOf,
      List<LineError> errors) {
    return new ImportReport(
        id,
        source,
        name,
        sha,
        null,
        status,
        duplicateOf,
        0,
        0,
        0,
        0,
        0,
        errors,
        clock.instant(),
        caller.actor().displayName());
  }

  /**
   * Fetches the agents file from the commune's HR software now and applies it. Over SFTP, every
   * waiting {@code export/agents*.csv} file is taken, oldest first (at most 20 per call).
   */
  public List<ImportReport> pull(CallContext caller) {
    Connectors.Stored connector =
        connectors
            .find(caller, Connector.HR)
            .filter(Connectors.Stored::enabled)
            .orElseThrow(
                () ->
                    new UnprocessableProblem(
                        "no-hr-connector",
                        "Aucun connecteur RH actif : configurez-le dans « Connecteurs »."));
    return "SFTP".equals(connector.transport())
        ? pullSftp(caller, connector)
        : List.of(pullRest(caller, connector));
  }

  private ImportReport pullRest(CallContext caller, Connectors.Stored connector) {
    Map<String, Object> headers = new HashMap<>();
    headers.put(CamelRuntime.TENANT, caller.tenant().value());
    headers.put(CamelRuntime.FLOW, "agents.import");
    headers.put(CamelRuntime.ENDPOINT, Dispatcher.endpointUri(connector.endpoint(), "agents"));
    headers.put("X-MetroCloud-Commune", caller.tenant().value());
    secrets.authorization(caller, connector).ifPresent(a -> headers.put("Authorization", a));
    byte[] body;
    try {
      body =
          camel
              .producer()
              .requestBodyAndHeaders(CamelRuntime.FETCH_REST, null, headers, byte[].class);
    } catch (CamelExecutionException e) {
      throw unavailable(e.getCause() == null ? e : e.getCause());
    } catch (RuntimeException e) {
      throw unavailable(e);
    } finally {
      org.slf4j.MDC.remove("tenant");
      org.slf4j.MDC.remove("flow");
    }
    return importFile(caller, "REST", "agents.csv", body == null ? new byte[0] : body);
  }

  private List<ImportReport> pullSftp(CallContext caller, Connectors.Stored connector) {
    String uri =
        SftpAddress.of(connector.endpoint())
            .fetchUri(
                "agents*.csv",
                connector.username(),
                secrets.password(caller, connector).orElse(null));
    List<ImportReport> reports = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Exchange exchange;
      try {
        org.slf4j.MDC.put("tenant", caller.tenant().value());
        // a poll now, no waiting for files that are not there
        exchange = camel.consumer().receiveNoWait(uri);
      } catch (RuntimeException e) {
        throw unavailable(e);
      } finally {
        org.slf4j.MDC.remove("tenant");
      }
      if (exchange == null) {
        break;
      }
      if (exchange.getException() != null) {
        Exception failure = exchange.getException();
        camel.consumer().doneUoW(exchange);
        throw unavailable(failure);
      }
      String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, "agents.csv", String.class);
      try {
        byte[] content = exchange.getIn().getBody(byte[].class);
        reports.add(importFile(caller, "SFTP", name, content == null ? new byte[0] : content));
      } catch (Problem e) {
        // refused as a whole (and recorded): the file goes to export/erreurs/
        exchange.setException(e);
        Object importId = e.extensions().get("importId");
        if (importId != null) {
          reports.add(steps.get(caller, UUID.fromString(importId.toString())));
        }
      } catch (RuntimeException e) {
        exchange.setException(e);
        throw e;
      } finally {
        camel.consumer().doneUoW(exchange);
      }
    }
    return reports;
  }

  private static BadGatewayProblem unavailable(Throwable e) {
    return new BadGatewayProblem(
        "counterpart-unavailable",
        "Le logiciel RH n'a pas fourni le fichier des agents : " + Dispatcher.describe(e));
  }

  static Map<String, String> mappings(String json) {
    Map<String, String> out = new HashMap<>();
    if (json == null || json.isBlank()) {
      return out;
    }
    try {
      JsonObject o = Json.createReader(new StringReader(json)).readObject();
      for (var e : o.entrySet()) {
        if (e.getValue() instanceof JsonString s) {
          out.put(e.getKey(), s.getString());
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Connector mappings are not a JSON object", e);
    }
    return out;
  }

  private static String reason(RuntimeException e) {
    Throwable t = e;
    while (t != null) {
      if (t instanceof Problem p) {
        return p.detail();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return "Erreur inattendue : " + e.getClass().getSimpleName();
  }

  private static String clip(String name) {
    return name.length() > 255 ? name.substring(0, 255) : name;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
