package fr.strasbourg.metrocloud.documents.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A page of search results. {@code total} is exact when {@code totalExact}; otherwise there are
 * more matches than {@code total} (a broad query is not counted to the end).
 */
public record SearchPage(long total, boolean totalExact, int page, int size, List<Hit> hits) {

  /**
   * One document found. {@code excerpt} alternates plain and matching passages: segments at odd
   * positions are the matches (so that clients can highlight them without interpreting markup).
   */
  public record Hit(
      UUID id,
      String title,
      String typeCode,
      List<String> tags,
      UUID folderId,
      String author,
      String authorName,
      int currentVersion,
      String fileName,
      String mimeType,
      long size,
      String extractionStatus,
      Instant createdAt,
      Instant updatedAt,
      double rank,
      List<String> excerpt) {}
}
