package fr.strasbourg.metrocloud.documents.domain;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A search of a commune's documents: full text (French, accents ignored, web-search syntax: words,
 * "phrases", -not, or) combined with filters; without text, documents are listed newest first.
 *
 * @param from first day of creation (inclusive), Europe/Paris
 * @param to last day of creation (inclusive), Europe/Paris
 */
public record SearchCriteria(
    String text,
    UUID folderId,
    String type,
    String tag,
    String author,
    LocalDate from,
    LocalDate to,
    int page,
    int size) {

  public boolean hasText() {
    return text != null && !text.isBlank();
  }
}
