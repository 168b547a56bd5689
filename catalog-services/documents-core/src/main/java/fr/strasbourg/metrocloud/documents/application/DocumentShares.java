package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.documents.domain.Document;
import fr.strasbourg.metrocloud.documents.domain.DocumentRepository;
import fr.strasbourg.metrocloud.documents.domain.DocumentShare;
import fr.strasbourg.metrocloud.kernel.audit.AuditRecord;
import fr.strasbourg.metrocloud.kernel.audit.AuditTrail;
import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.problem.UnprocessableProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.TenantBound;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Time-limited share links inside a commune. A link is a random 256-bit token; the database keeps
 * its SHA-256 only. Opening a link needs a member of the same commune: the lookup runs under the
 * caller's Row-Level Security, so for anybody else the link does not exist.
 */
@ApplicationScoped
@Transactional
@TenantBound
public class DocumentShares {

  public static final int MAX_DAYS = 30;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  @Inject DocumentRepository repository;

  @Inject AuditTrail audit;

  @Inject Clock clock;

  /** A new share and its token, which is shown once and never stored. */
  public record CreatedShare(DocumentShare share, String token) {}

  /** What an opened link gives access to. */
  public record OpenedShare(DocumentShare share, Document document) {}

  public CreatedShare create(CallContext commune, UUID documentId, int days, Integer version) {
    if (days < 1 || days > MAX_DAYS) {
      throw (UnprocessableProblem)
          new UnprocessableProblem(
                  "invalid-share-duration",
                  "Un lien de partage dure de 1 à " + MAX_DAYS + " jours (demandé : " + days + ").")
              .with("maxDays", Integer.toString(MAX_DAYS));
    }
    Document document =
        repository
            .document(documentId)
            .filter(d -> !d.inTrash())
            .orElseThrow(() -> Problems.documentNotFound(documentId));
    if (version != null
        && (version < 1
            || version > document.currentVersion()
            || repository.version(documentId, version).isEmpty())) {
      throw Problems.versionNotFound(documentId, version);
    }
    String token = newToken();
    Instant now = clock.instant();
    DocumentShare share =
        DocumentShare.create(
            commune.tenant().value(),
            documentId,
            version,
            sha256(token),
            commune.actor().username(),
            now,
            now.plus(Duration.ofDays(days)));
    repository.add(share);
    audit.record(
        commune,
        AuditRecord.success("documents.share.created", "document", documentId.toString())
            .withDetail("share", share.id().toString())
            .withDetail("expiresAt", share.expiresAt().toString())
            .withDetail("version", version == null ? "courante" : version.toString()));
    return new CreatedShare(share, token);
  }

  public List<DocumentShare> list(CallContext commune, UUID documentId) {
    repository.document(documentId).orElseThrow(() -> Problems.documentNotFound(documentId));
    return repository.shares(documentId);
  }

  public DocumentShare revoke(CallContext commune, UUID documentId, UUID shareId) {
    DocumentShare share =
        repository
            .share(shareId)
            .filter(s -> s.documentId().equals(documentId))
            .orElseThrow(ShareNotFound::new);
    if (share.revokedAt() == null) {
      share.revoke(commune.actor().username(), clock.instant());
      audit.record(
          commune,
          AuditRecord.success("documents.share.revoked", "document", documentId.toString())
              .withDetail("share", shareId.toString()));
    }
    return share;
  }

  /**
   * Opens a link: unknown, expired or revoked links, links of another commune and documents in the
   * trash are all "not found".
   */
  public OpenedShare open(CallContext commune, String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      throw new ShareNotFound();
    }
    DocumentShare share =
        repository
            .shareByToken(sha256(token))
            .filter(s -> s.activeAt(clock.instant()))
            .orElseThrow(ShareNotFound::new);
    Document document =
        repository
            .document(share.documentId())
            .filter(d -> !d.inTrash())
            .orElseThrow(ShareNotFound::new);
    audit.record(
        commune,
        AuditRecord.success("documents.share.opened", "document", document.id().toString())
            .withDetail("share", share.id().toString()));
    return new OpenedShare(share, document);
  }

  static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one answer for every link that does not open. */
  static final class ShareNotFound extends NotFoundProblem {
    private static final long serialVersionUID = 1L;

    ShareNotFound() {
      super("share-not-found", "Ce lien de partage n'existe pas, a expiré ou a été révoqué.");
    }
  }
}
