package fr.strasbourg.metrocloud.kernel.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/**
 * Maps a {@link UUID} attribute to a PostgreSQL {@code uuid} column, nulls included. The UUID
 * converter of the EclipseLink shipped with Liberty fails on a {@code NULL} column value (a folder
 * without parent, a document outside any folder); binding the {@link UUID} object itself lets the
 * PostgreSQL driver send it as {@code uuid}. (JPA never applies converters to identifiers, which
 * are never null.)
 */
@Converter(autoApply = true)
public class UuidConverter implements AttributeConverter<UUID, Object> {

  @Override
  public Object convertToDatabaseColumn(UUID uuid) {
    return uuid;
  }

  @Override
  public UUID convertToEntityAttribute(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
  }
}
