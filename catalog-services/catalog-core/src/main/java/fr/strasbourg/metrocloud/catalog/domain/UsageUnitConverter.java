package fr.strasbourg.metrocloud.catalog.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores {@link UsageUnit} by its code ({@code gb-month}), as the migration's CHECK constraint
 * expects.
 */
@Converter
public class UsageUnitConverter implements AttributeConverter<UsageUnit, String> {
  @Override
  public String convertToDatabaseColumn(UsageUnit unit) {
    return unit == null ? null : unit.code();
  }

  @Override
  public UsageUnit convertToEntityAttribute(String code) {
    return code == null ? null : UsageUnit.ofCode(code);
  }
}
