package fr.strasbourg.metrocloud.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A usage event as stored in the ledger (read side; writes go through an idempotent insert). */
@Entity
@Table(name = "usage_events")
public class RecordedUsage {

  @Id
  @Column(name = "id")
  private UUID id;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "service_code")
  private String serviceCode;

  @Column(name = "metric")
  private String metric;

  @Column(name = "quantity")
  private BigDecimal quantity;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  @Column(name = "recorded_at")
  private Instant recordedAt;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(name = "source")
  private String source;

  protected RecordedUsage() {}

  public UUID id() {
    return id;
  }

  public String tenantId() {
    return tenantId;
  }

  public String serviceCode() {
    return serviceCode;
  }

  public String metric() {
    return metric;
  }

  public BigDecimal quantity() {
    return quantity;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public Instant recordedAt() {
    return recordedAt;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  public String source() {
    return source;
  }
}
