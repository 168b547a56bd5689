package fr.strasbourg.metrocloud.audit.domain;

import fr.strasbourg.metrocloud.kernel.audit.Outcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One stored audit entry. Immutable once created: no setters, and the database grants the
 * application no UPDATE or DELETE on the table. {@link #hash} covers every other column (see {@link
 * HashChain#canonicalForm}).
 */
@Entity
@Table(name = "audit_events")
@IdClass(AuditEvent.Key.class)
public class AuditEvent {

  @Id
  @Column(name = "tenant_id", nullable = false, updatable = false)
  private String tenantId;

  @Id
  @Column(name = "seq", nullable = false, updatable = false)
  private long seq;

  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "actor_subject", nullable = false, updatable = false)
  private String actorSubject;

  @Column(name = "actor_username", nullable = false, updatable = false)
  private String actorUsername;

  @Enumerated(EnumType.STRING)
  @Column(name = "actor_kind", nullable = false, updatable = false)
  private ActorKind actorKind;

  @Column(name = "action", nullable = false, updatable = false)
  private String action;

  @Column(name = "target_type", updatable = false)
  private String targetType;

  @Column(name = "target_id", updatable = false)
  private String targetId;

  @Enumerated(EnumType.STRING)
  @Column(name = "outcome", nullable = false, updatable = false)
  private Outcome outcome;

  @Column(name = "details", nullable = false, updatable = false)
  private String details;

  @Column(name = "prev_hash", nullable = false, updatable = false, length = 64)
  private String prevHash;

  @Column(name = "hash", nullable = false, updatable = false, length = 64)
  private String hash;

  protected AuditEvent() {}

  /** Builds the next entry of a chain; computes its hash. */
  public static AuditEvent next(
      String tenantId,
      long seq,
      Instant occurredAt,
      String actorSubject,
      String actorUsername,
      ActorKind actorKind,
      String action,
      String targetType,
      String targetId,
      Outcome outcome,
      String detailsJson,
      String prevHash) {
    AuditEvent e = new AuditEvent();
    e.tenantId = tenantId;
    e.seq = seq;
    e.id = UUID.randomUUID();
    e.occurredAt = HashChain.truncate(occurredAt);
    e.actorSubject = actorSubject;
    e.actorUsername = actorUsername;
    e.actorKind = actorKind;
    e.action = action;
    e.targetType = targetType;
    e.targetId = targetId;
    e.outcome = outcome;
    e.details = detailsJson;
    e.prevHash = prevHash;
    e.hash = HashChain.hash(e);
    return e;
  }

  public String tenantId() {
    return tenantId;
  }

  public long seq() {
    return seq;
  }

  public UUID id() {
    return id;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String actorSubject() {
    return actorSubject;
  }

  public String actorUsername() {
    return actorUsername;
  }

  public ActorKind actorKind() {
    return actorKind;
  }

  public String action() {
    return action;
  }

  public String targetType() {
    return targetType;
  }

  public String targetId() {
    return targetId;
  }

  public Outcome outcome() {
    return outcome;
  }

  public String details() {
    return details;
  }

  public String prevHash() {
    return prevHash;
  }

  public String hash() {
    return hash;
  }

  /** Composite key (tenant, sequence number within the tenant's chain). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String tenantId;
    private long seq;

    public Key() {}

    public Key(String tenantId, long seq) {
      this.tenantId = tenantId;
      this.seq = seq;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.seq == seq && Objects.equals(k.tenantId, tenantId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, seq);
    }
  }
}
