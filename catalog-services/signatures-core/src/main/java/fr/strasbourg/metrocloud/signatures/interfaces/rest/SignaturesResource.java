package fr.strasbourg.metrocloud.signatures.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.signatures.api.PdfSigning;
import fr.strasbourg.metrocloud.signatures.api.SignatureValidation;
import fr.strasbourg.metrocloud.signatures.application.PadesSignatures;
import fr.strasbourg.metrocloud.signatures.application.SignerCertificates;
import fr.strasbourg.metrocloud.signatures.domain.Pki;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Validation reports for anyone signed in, and the commune's signer certificates. */
@Path("signatures")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Signatures")
public class SignaturesResource {

  @Inject CallContext caller;

  @Inject PadesSignatures signatures;

  @Inject SignerCertificates certificates;

  @POST
  @Path("validations")
  @Consumes(MediaType.WILDCARD)
  @RolesAllowed({
    Role.Names.COMMUNE_ADMIN,
    Role.Names.AGENT,
    Role.Names.MANAGER,
    Role.Names.ELECTED_OFFICIAL,
    Role.Names.PLATFORM_OPERATOR
  })
  @Operation(
      summary =
          "Validate the signatures of a PDF (request body: the PDF; X-File-Name optional): the DSS"
              + " simple report per signature, with the platform root as trust anchor")
  public SignatureValidation.ValidationReport validate(
      InputStream body, @HeaderParam("X-File-Name") String fileName) {
    return signatures.validate(fileName(fileName), PdfSigning.readBounded(body));
  }

  @GET
  @Path("certificates")
  @RolesAllowed(Role.Names.COMMUNE_ADMIN)
  @Operation(summary = "The commune's signer certificates, newest first (administrator)")
  public List<CertificateDto> list() {
    return certificates.list(caller).stream().map(CertificateDto::of).toList();
  }

  @POST
  @Path("signers/{username}/revocation")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.COMMUNE_ADMIN)
  @Operation(
      summary =
          "Revoke a person's signing certificates (an agent who leaves: reason left; a lost key:"
              + " key-compromise); later validations report it")
  public List<CertificateDto> revoke(
      @PathParam("username") String username, RevocationRequest request) {
    return revokeIn(caller, username, request);
  }

  @POST
  @Path("communes/{insee}/signers/{username}/revocation")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Role.Names.PLATFORM_OPERATOR)
  @Operation(summary = "The same revocation, by the DSI operator for a commune")
  public List<CertificateDto> revokeAsOperator(
      @PathParam("insee") String insee,
      @PathParam("username") String username,
      RevocationRequest request) {
    if (!InseeCode.isValid(insee)) {
      throw new NotFoundProblem("tenant-not-found", "Commune inconnue : " + insee);
    }
    return revokeIn(caller.requireOperator().actingOn(InseeCode.of(insee)), username, request);
  }

  private List<CertificateDto> revokeIn(
      CallContext commune, String username, RevocationRequest request) {
    int reason =
        request != null && "key-compromise".equals(request.reason())
            ? Pki.REASON_KEY_COMPROMISE
            : Pki.REASON_AFFILIATION_CHANGED;
    List<SignerCertificates.SignerCertificate> revoked =
        certificates.revoke(commune, username, reason);
    if (revoked.isEmpty()) {
      throw new NotFoundProblem(
          "no-active-certificate",
          "Aucun certificat de signature actif pour « " + username + " ».");
    }
    return certificates.list(commune).stream()
        .filter(c -> revoked.stream().anyMatch(r -> r.id().equals(c.id())))
        .map(CertificateDto::of)
        .toList();
  }

  private static String fileName(String header) {
    if (header == null || header.isBlank()) {
      return "document.pdf";
    }
    String name = URLDecoder.decode(header, StandardCharsets.UTF_8).strip();
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  /** {@code reason}: {@code left} (default) or {@code key-compromise}. */
  public record RevocationRequest(String reason) {}

  /** A signer certificate as the administrator sees it (never its key). */
  public record CertificateDto(
      String id,
      String signerUsername,
      String signerName,
      String serial,
      String subject,
      String sha256,
      Instant issuedAt,
      Instant notAfter,
      Instant revokedAt,
      String revocationReason,
      String revokedBy) {

    static CertificateDto of(SignerCertificates.SignerCertificate c) {
      return new CertificateDto(
          c.id().toString(),
          c.signerUsername(),
          c.signerName(),
          c.serial(),
          c.subjectDn(),
          c.sha256(),
          c.issuedAt(),
          c.notAfter(),
          c.revokedAt(),
          c.revocationReason() == null ? null : reasonName(c.revocationReason()),
          c.revokedBy());
    }

    private static String reasonName(int reason) {
      return switch (reason) {
        case Pki.REASON_KEY_COMPROMISE -> "key-compromise";
        case Pki.REASON_SUPERSEDED -> "superseded";
        case Pki.REASON_CESSATION_OF_OPERATION -> "cessation-of-operation";
        default -> "left";
      };
    }
  }
}
