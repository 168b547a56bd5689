package fr.strasbourg.metrocloud.billing.interfaces.rest;

import fr.strasbourg.metrocloud.billing.application.BillingRuns.Report;
import fr.strasbourg.metrocloud.billing.application.CommuneBilling.Outcome;
import fr.strasbourg.metrocloud.billing.domain.BillingRepository.Run;
import fr.strasbourg.metrocloud.billing.domain.Statement;
import fr.strasbourg.metrocloud.billing.domain.StatementLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Wire formats of the billing API. Amounts are in euro cents; dates ISO; period ends exclusive. */
public final class BillingDtos {

  private BillingDtos() {}

  /** A run to compute: frequency MONTHLY, QUARTERLY or YEARLY, first day, optional communes. */
  public record RunRequestDto(String frequency, String periodStart, List<String> communes) {}

  public record RunDto(
      UUID id,
      String frequency,
      LocalDate periodStart,
      LocalDate periodEnd,
      String label,
      String createdBy,
      Instant createdAt,
      String lastRunBy,
      Instant lastRunAt) {
    static RunDto of(Run r) {
      return new RunDto(
          r.id(),
          r.period().frequency().name(),
          r.period().start(),
          r.period().end(),
          r.period().labelFr(),
          r.createdBy(),
          r.createdAt(),
          r.lastRunBy(),
          r.lastRunAt());
    }
  }

  /** What a run did for one commune. */
  public record OutcomeDto(
      String commune, String name, String result, StatementSummaryDto statement, String reason) {
    static OutcomeDto of(Outcome o) {
      return new OutcomeDto(
          o.commune().insee().value(),
          o.commune().name(),
          o.result().name(),
          o.statement() == null ? null : StatementSummaryDto.of(o.statement()),
          o.reason());
    }
  }

  public record RunReportDto(RunDto run, List<OutcomeDto> communes, long totalCents) {
    static RunReportDto of(Report report) {
      return new RunReportDto(
          RunDto.of(report.run()),
          report.outcomes().stream().map(OutcomeDto::of).toList(),
          report.outcomes().stream()
              .filter(o -> o.statement() != null)
              .mapToLong(o -> o.statement().totalCents())
              .sum());
    }
  }

  public record StatementSummaryDto(
      UUID id,
      String commune,
      String communeName,
      String kind,
      String status,
      String number,
      String frequency,
      LocalDate periodStart,
      LocalDate periodEnd,
      String periodLabel,
      long totalCents,
      Long previousYearCents,
      UUID corrects,
      String correctsNumber,
      Instant computedAt,
      LocalDate issuedOn) {
    static StatementSummaryDto of(Statement s) {
      return new StatementSummaryDto(
          s.id(),
          s.tenantId(),
          s.communeName(),
          s.kind().name(),
          s.status().name(),
          s.number(),
          s.period().frequency().name(),
          s.period().start(),
          s.period().end(),
          s.period().labelFr(),
          s.totalCents(),
          s.previousYearCents(),
          s.corrects(),
          s.correctsNumber(),
          s.computedAt(),
          s.issuedOn());
    }
  }

  public record LineDto(
      int position,
      String kind,
      String service,
      String serviceName,
      String metric,
      String label,
      LocalDate from,
      LocalDate to,
      BigDecimal quantity,
      BigDecimal freeQuantity,
      BigDecimal billedQuantity,
      BigDecimal unitPrice,
      long amountCents,
      LocalDate tariffFrom,
      Integer creditsPosition) {}

  public record StatementDto(
      StatementSummaryDto summary,
      int population,
      Instant usageCutoff,
      String reason,
      Instant issuedAt,
      String issuedBy,
      UUID run,
      List<LineDto> lines) {
    static StatementDto of(Statement s, java.util.function.Function<String, String> names) {
      List<LineDto> lines = new java.util.ArrayList<>();
      int position = 0;
      for (StatementLine l : s.lines()) {
        position++;
        lines.add(
            new LineDto(
                position,
                l.kind().name(),
                l.service(),
                names.apply(l.service()),
                l.metric(),
                l.label(),
                l.from(),
                l.to(),
                l.quantity(),
                l.freeQuantity(),
                l.billedQuantity(),
                l.unitPrice(),
                l.amountCents(),
                l.tariffFrom(),
                l.creditsPosition()));
      }
      return new StatementDto(
          StatementSummaryDto.of(s),
          s.population(),
          s.usageCutoff(),
          s.reason(),
          s.issuedAt(),
          s.issuedBy(),
          s.runId(),
          lines);
    }
  }

  /** A line to credit: its position, and the quantity (null: the whole line). */
  public record CreditLineDto(Integer position, BigDecimal quantity) {}

  public record CreditRequestDto(String reason, List<CreditLineDto> lines) {}
}
