package fr.strasbourg.metrocloud.billing.application;

import fr.strasbourg.metrocloud.billing.domain.BillingPeriod;
import fr.strasbourg.metrocloud.billing.domain.BillingRepository;
import fr.strasbourg.metrocloud.billing.domain.BillingRepository.Run;
import fr.strasbourg.metrocloud.billing.domain.LineKind;
import fr.strasbourg.metrocloud.billing.domain.Rating;
import fr.strasbourg.metrocloud.billing.domain.Statement;
import fr.strasbourg.metrocloud.billing.domain.StatementDocuments;
import fr.strasbourg.metrocloud.billing.domain.StatementKind;
import fr.strasbourg.metrocloud.billing.domain.StatementLine;
import fr.strasbourg.metrocloud.billing.domain.StatementStatus;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.DailyUsage;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Service;
import fr.strasbourg.metrocloud.catalog.api.BillingInputs.Tariff;
import fr.strasbourg.metrocloud.integration.api.Receivables;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.ConflictProblem;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import fr.strasbourg.metrocloud.tenants.api.TenantSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Billing of one commune, each use case in a transaction bound to the commune (Row-Level Security
 * applies to every statement it reads or writes).
 */
@ApplicationScoped
public class CommuneBilling {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** What a run did for a commune. */
  public enum Result {
    /** A draft was computed (or recomputed). */
    COMPUTED,
    /** The period's statement is issued: rerunning it changes nothing. */
    ALREADY_ISSUED,
    /** Not billed: the reason says why. */
    SKIPPED,
    /** No subscription and no usage in the period. */
    NOTHING_TO_BILL
  }

  /** The outcome of a run for one commune. */
  public record Outcome(TenantSummary commune, Result result, Statement statement, String reason) {}

  @Inject BillingRepository repository;

  @Inject BillingInputs inputs;

  @Inject Receivables receivables;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /**
   * Usage recorded in the last minutes may belong to transactions not yet committed: the cutoff
   * leaves it to the next computation (where it counts as the period's or as an adjustment).
   */
  @ConfigProperty(name = "metrocloud.billing.cutoff-margin-seconds", defaultValue = "300")
  long cutoffMarginSeconds;

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), PARIS);
  }

  /** The run of the period (created on its first run), in the platform's audit trail. */
  @Transactional
  @TenantBound
  public Run openRun(CallContext operator, BillingPeriod period) {
    Run run = repository.run(period, operator.actor().username(), clock.instant());
    audit.record(
        operator,
        AuditRecord.success("billing.run", "billing-run", run.id().toString())
            .withDetail("period", period.labelFr()));
    return run;
  }

  /**
   * Computes the commune's draft for the run's period. An issued statement of the same period is
   * returned unchanged; drafts of overlapping periods (another frequency) are discarded; an issued
   * overlapping period skips the commune.
   */
  @Transactional(TxType.REQUIRES_NEW)
  @TenantBound
  public Outcome compute(
      CallContext commune,
      TenantSummary summary,
      Run run,
      List<Service> services,
      List<Tariff> tariffs,
      String by) {
    BillingPeriod period = run.period();
    List<Statement> overlapping = repository.regularOverlapping(period.start(), period.end());
    Statement same = null;
    for (Statement s : overlapping) {
      boolean samePeriod =
          s.period().start().equals(period.start()) && s.period().end().equals(period.end());
      if (s.status() == StatementStatus.ISSUED) {
        if (samePeriod) {
          return new Outcome(
              summary, Result.ALREADY_ISSUED, repository.find(s.id()).orElseThrow(), null);
        }
        return new Outcome(
            summary,
            Result.SKIPPED,
            null,
            "Période déjà facturée par l'état n° "
                + s.number()
                + " ("
                + s.period().labelFr()
                + ").");
      }
      if (samePeriod) {
        same = s;
      }
    }
    for (Statement s : overlapping) {
      if (s != same) {
        repository.discard(s.id());
        audit.record(
            commune,
            AuditRecord.success("billing.statement.discarded", "statement", s.id().toString())
                .withDetail("period", s.period().labelFr())
                .withDetail("replacedBy", period.labelFr()));
      }
    }
    Instant now = clock.instant();
    Instant cutoff = now.minusSeconds(cutoffMarginSeconds);
    List<DailyUsage> usage = inputs.usage(commune, period.start(), period.end(), null, cutoff);
    List<DailyUsage> late = lateUsage(commune, period, cutoff);
    List<StatementLine> lines;
    try {
      lines =
          Rating.rate(
              new Rating.Input(
                  summary.population(),
                  period,
                  services,
                  tariffs,
                  inputs.subscriptions(commune),
                  usage,
                  late));
    } catch (Rating.RatingException e) {
      return new Outcome(summary, Result.SKIPPED, null, e.getMessage());
    }
    if (lines.isEmpty()) {
      if (same != null) {
        repository.discard(same.id());
      }
      return new Outcome(summary, Result.NOTHING_TO_BILL, null, null);
    }
    long total = lines.stream().mapToLong(StatementLine::amountCents).sum();
    BillingPeriod lastYear = period.yearBefore();
    Long previous = repository.issuedTotal(lastYear.start(), lastYear.end()).orElse(null);
    Statement statement =
        new Statement(
            same == null ? UUID.randomUUID() : same.id(),
            summary.insee().value(),
            summary.name(),
            summary.population(),
            StatementKind.REGULAR,
            StatementStatus.DRAFT,
            null,
            period,
            cutoff,
            lines,
            total,
            previous,
            null,
            null,
            null,
            now,
            null,
            null,
            null,
            run.id());
    if (same == null) {
      repository.insert(statement, by);
    } else {
      repository.replaceDraft(statement);
    }
    audit.record(
        commune,
        AuditRecord.success("billing.statement.computed", "statement", statement.id().toString())
            .withDetail("period", period.labelFr())
            .withDetail("totalCents", Long.toString(total))
            .withDetail("lines", Integer.toString(lines.size()))
            .withDetail(
                "adjustments",
                Long.toString(
                    lines.stream().filter(l -> l.kind() == LineKind.ADJUSTMENT).count())));
    return new Outcome(
        summary, Result.COMPUTED, repository.find(statement.id()).orElseThrow(), null);
  }

  /**
   * Usage of the commune's already issued periods recorded since the last issued statement's cutoff
   * (and before this one's): it was not in the statement of its period, so it is billed now, as
   * adjustments. A period never billed keeps its usage for its own run.
   */
  private List<DailyUsage> lateUsage(CallContext commune, BillingPeriod period, Instant cutoff) {
    var since = repository.lastIssuedCutoffBefore(period.start());
    if (since.isEmpty()) {
      return List.of();
    }
    List<LocalDate[]> issued = repository.issuedPeriodsBefore(period.start());
    if (issued.isEmpty()) {
      return List.of();
    }
    return inputs.usage(commune, issued.get(0)[0], period.start(), since.get(), cutoff).stream()
        .filter(
            u -> issued.stream().anyMatch(p -> !u.day().isBefore(p[0]) && u.day().isBefore(p[1])))
        .toList();
  }

  /** The statement as the caller may see it (RLS), or 404. */
  @Transactional
  @TenantBound
  public Statement find(CallContext caller, UUID id) {
    return repository.find(id).orElseThrow(() -> notFound(id));
  }

  /**
   * Issues a draft: it gets its number, its PDF digest, becomes immutable, and its receivable goes
   * to the Eurométropole's finance software in the same transaction (the outbox). Issuing an issued
   * statement again returns it unchanged.
   */
  @Transactional
  @TenantBound
  public Statement issue(CallContext commune, UUID id, Map<String, String> serviceNames) {
    Statement draft = repository.find(id).orElseThrow(() -> notFound(id));
    if (draft.status() == StatementStatus.ISSUED) {
      return draft;
    }
    if (draft.status() == StatementStatus.DISCARDED) {
      throw new ConflictProblem(
          "statement-discarded", "Cet état a été remplacé par un autre calcul : il ne s'émet pas.");
    }
    LocalDate today = today();
    if (draft.kind() == StatementKind.REGULAR) {
      if (draft.period().end().isAfter(today)) {
        throw (ConflictProblem)
            new ConflictProblem(
                    "period-not-ended",
                    "La période « "
                        + draft.period().labelFr()
                        + " » n'est pas terminée : l'état s'émet à partir du "
                        + draft.period().end()
                        + ".")
                .with("issuableFrom", draft.period().end().toString());
      }
      if (repository.draftBefore(draft.period().start())) {
        throw new ConflictProblem(
            "earlier-draft",
            "Un état d'une période antérieure est encore en brouillon : émettez-le d'abord.");
      }
    }
    String prefix = draft.kind().numberPrefix();
    int sequence = repository.nextNumber(draft.tenantId(), prefix, today.getYear());
    String number =
        prefix
            + "-"
            + today.getYear()
            + "-"
            + draft.tenantId()
            + "-"
            + String.format("%03d", sequence);
    Instant now = clock.instant();
    String by = commune.operatorActingOnBehalf().orElse(commune.actor()).username();
    Statement issued = draft.issued(number, now, today, by);
    String pdfSha256 =
        StatementDocuments.sha256(
            StatementDocuments.pdf(issued, code -> serviceNames.getOrDefault(code, code)));
    String receivableKey = null;
    if (draft.kind() == StatementKind.REGULAR && draft.totalCents() > 0) {
      receivableKey = receivables.issue(commune, receivable(issued, 1)).idempotencyKey();
    } else if (draft.kind() == StatementKind.CREDIT) {
      receivableKey =
          receivables
              .reduce(commune, receivable(issued, -1), draft.correctsNumber())
              .idempotencyKey();
    }
    repository.markIssued(id, number, now, today, by, pdfSha256, receivableKey);
    audit.record(
        commune,
        AuditRecord.success("billing.statement.issued", "statement", id.toString())
            .withDetail("number", number)
            .withDetail("totalCents", Long.toString(draft.totalCents()))
            .withDetail("pdfSha256", pdfSha256)
            .withDetail("receivable", receivableKey));
    return repository.find(id).orElseThrow();
  }

  /**
   * Abandons a draft (the DSI decides not to bill it as computed): it is kept, marked discarded,
   * and a later run of its period computes a new one. An issued statement cannot be abandoned.
   */
  @Transactional
  @TenantBound
  public Statement discard(CallContext commune, UUID id) {
    Statement s = repository.find(id).orElseThrow(() -> notFound(id));
    if (s.status() == StatementStatus.ISSUED) {
      throw new ConflictProblem(
          "statement-issued", "Un état émis ne s'abandonne pas : établissez un avoir.");
    }
    if (s.status() == StatementStatus.DRAFT) {
      repository.discard(id);
      audit.record(
          commune,
          AuditRecord.success("billing.statement.discarded", "statement", id.toString())
              .withDetail("period", s.period().labelFr()));
    }
    return repository.find(id).orElseThrow();
  }

  /**
   * A credit on an issued regular statement: for each line asked (all lines when none is), the
   * quantity given (the line's whole billed quantity when none is) is credited at the line's price,
   * within what is left to credit on that line. The credit is a draft to review, then issued.
   *
   * @param quantities line position → quantity to credit (null value: the whole line)
   */
  @Transactional
  @TenantBound
  public Statement credit(
      CallContext commune, UUID id, String reason, Map<Integer, BigDecimal> quantities, String by) {
    Statement original = repository.find(id).orElseThrow(() -> notFound(id));
    if (original.kind() != StatementKind.REGULAR || original.status() != StatementStatus.ISSUED) {
      throw new ConflictProblem("not-issued", "Un avoir porte sur un état d'utilisation émis.");
    }
    Map<Integer, Long> credited = repository.creditedCents(id);
    List<StatementLine> lines = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (int position = 1; position <= original.lines().size(); position++) {
      if (!quantities.isEmpty() && !quantities.containsKey(position)) {
        continue;
      }
      StatementLine line = original.lines().get(position - 1);
      long left = line.amountCents() - credited.getOrDefault(position, 0L);
      BigDecimal asked = quantities.get(position);
      if (line.amountCents() <= 0 || left <= 0) {
        if (asked != null || quantities.containsKey(position)) {
          problems.add("ligne " + position + " : rien à créditer");
        }
        continue;
      }
      BigDecimal quantity;
      long amount;
      if (asked == null) {
        quantity = line.kind() == LineKind.BASE_FEE ? line.quantity() : line.billedQuantity();
        amount = left;
      } else {
        BigDecimal max = line.kind() == LineKind.BASE_FEE ? line.quantity() : line.billedQuantity();
        if (asked.signum() <= 0 || asked.compareTo(max) > 0 || asked.scale() > 6) {
          problems.add(
              "ligne "
                  + position
                  + " : quantité entre 0 et "
                  + max.stripTrailingZeros().toPlainString());
          continue;
        }
        quantity = asked;
        amount =
            line.kind() == LineKind.BASE_FEE
                ? Rating.proratedFeeCents(
                    line.unitPrice(),
                    asked.setScale(0, RoundingMode.DOWN).longValue(),
                    Year.of(line.from().getYear()).length())
                : Rating.amountCents(asked, line.unitPrice());
        if (amount > left) {
          problems.add(
              "ligne " + position + " : dépasse le reste à créditer (" + left + " centimes)");
          continue;
        }
      }
      lines.add(
          new StatementLine(
              LineKind.CREDIT,
              line.service(),
              line.metric(),
              "Avoir — " + line.label(),
              line.from(),
              line.to(),
              quantity.negate(),
              BigDecimal.ZERO,
              line.unitPrice(),
              -amount,
              line.tariffFrom(),
              position));
    }
    if (!problems.isEmpty()) {
      throw new UnprocessableProblem(
          "invalid-credit", "Avoir refusé : " + String.join(" ; ", problems) + ".");
    }
    if (lines.isEmpty()) {
      throw new UnprocessableProblem(
          "nothing-to-credit", "Tout l'état a déjà été crédité : rien à créditer.");
    }
    Instant now = clock.instant();
    Statement credit =
        new Statement(
            UUID.randomUUID(),
            original.tenantId(),
            original.communeName(),
            original.population(),
            StatementKind.CREDIT,
            StatementStatus.DRAFT,
            null,
            original.period(),
            now,
            lines,
            lines.stream().mapToLong(StatementLine::amountCents).sum(),
            null,
            original.id(),
            original.number(),
            reason,
            now,
            null,
            null,
            null,
            original.runId());
    repository.insert(credit, by);
    audit.record(
        commune,
        AuditRecord.success("billing.credit.drafted", "statement", credit.id().toString())
            .withDetail("corrects", original.number())
            .withDetail("totalCents", Long.toString(credit.totalCents()))
            .withDetail("reason", reason));
    return repository.find(credit.id()).orElseThrow();
  }

  /**
   * The receivable of a statement: base fees as fractions of a year at the yearly fee; {@code sign}
   * -1 turns a credit's negative lines into the positive amounts of a reduction.
   */
  static Receivables.Statement receivable(Statement s, int sign) {
    List<Receivables.Line> lines = new ArrayList<>();
    for (StatementLine l : s.lines()) {
      BigDecimal quantity =
          (l.kind() == LineKind.BASE_FEE
                  ? l.quantity()
                      .divide(
                          BigDecimal.valueOf(Year.of(l.from().getYear()).length()),
                          6,
                          RoundingMode.HALF_UP)
                  : l.billedQuantity())
              .multiply(BigDecimal.valueOf(sign));
      lines.add(
          new Receivables.Line(
              l.service(),
              l.kind() == LineKind.BASE_FEE ? "forfait-annuel" : l.metric(),
              quantity,
              l.unitPrice(),
              sign * l.amountCents()));
    }
    return new Receivables.Statement(
        s.number(),
        s.period().start(),
        s.period().end().minusDays(1),
        s.issuedOn(),
        lines,
        sign * s.totalCents(),
        sign > 0 ? s.previousYearCents() : null);
  }

  static NotFoundProblem notFound(UUID id) {
    return (NotFoundProblem)
        new NotFoundProblem("statement-not-found", "État d'utilisation introuvable.")
            .with("statement", id.toString());
  }
}
