package fr.strasbourg.metrocloud.billing.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Persistence port of billing. Statement methods run in the caller's tenant-bound transaction: what
 * they see and write is what Row-Level Security allows it.
 */
public interface BillingRepository {

  /** A billing run: one per period. */
  record Run(
      UUID id,
      BillingPeriod period,
      String createdBy,
      Instant createdAt,
      String lastRunBy,
      Instant lastRunAt) {}

  /** The run of the period, created if needed; records who ran it last. */
  Run run(BillingPeriod period, String by, Instant at);

  Optional<Run> findRun(UUID id);

  List<Run> runs();

  Optional<Statement> find(UUID id);

  /** Statements without their lines, newest period first (filters may be null). */
  List<Statement> list(UUID runId, Integer year, StatementStatus status);

  /** The commune's live (not discarded) regular statements overlapping [start, end). */
  List<Statement> regularOverlapping(LocalDate start, LocalDate end);

  /** Periods [start, end) of the commune's issued regular statements that end by {@code day}. */
  List<LocalDate[]> issuedPeriodsBefore(LocalDate day);

  /** The latest usage cutoff of the commune's issued regular statements before {@code day}. */
  Optional<Instant> lastIssuedCutoffBefore(LocalDate day);

  /** Whether the commune has a draft regular statement starting before {@code day}. */
  boolean draftBefore(LocalDate day);

  /** Total of the commune's issued statements (with credits) of periods within [start, end). */
  Optional<Long> issuedTotal(LocalDate start, LocalDate end);

  void insert(Statement statement, String computedBy);

  /** Replaces a draft's header and lines. */
  void replaceDraft(Statement statement);

  void discard(UUID id);

  /** Next number of the commune for this prefix and year (no gaps: in the issuing transaction). */
  int nextNumber(String tenantId, String prefix, int year);

  void markIssued(
      UUID id,
      String number,
      Instant at,
      LocalDate on,
      String by,
      String pdfSha256,
      String receivableKey);

  /** Cents already credited (issued or draft credits) per line position of a statement. */
  Map<Integer, Long> creditedCents(UUID statementId);

  List<StandaloneCost> standaloneCosts();

  /** Inserts or replaces the cost of a service for the band starting at its minimum population. */
  void saveStandaloneCost(StandaloneCost cost);
}
