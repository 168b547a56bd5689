package fr.strasbourg.metrocloud.kernel.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Maps {@link Instant} to {@code timestamptz}. EclipseLink as shipped with Liberty would otherwise
 * serialize an {@code Instant} into {@code bytea}. The JVM runs in UTC (jvm.options), so the JDBC
 * timestamp is the instant itself; PostgreSQL keeps microseconds.
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, Timestamp> {

  @Override
  public Timestamp convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  @Override
  public Instant convertToEntityAttribute(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
