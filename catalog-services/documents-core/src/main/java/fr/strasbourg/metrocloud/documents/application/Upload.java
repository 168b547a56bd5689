package fr.strasbourg.metrocloud.documents.application;

import java.util.List;
import java.util.UUID;

/**
 * A content sent by a user: its announced size and file name, the type its sender claims (kept, not
 * trusted) and, for a new document, its description.
 */
public record Upload(
    String fileName,
    long size,
    String claimedMimeType,
    UUID folderId,
    String title,
    String description,
    String type,
    List<String> tags) {}
