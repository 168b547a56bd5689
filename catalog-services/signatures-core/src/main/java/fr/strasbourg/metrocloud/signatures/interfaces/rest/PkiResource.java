package fr.strasbourg.metrocloud.signatures.interfaces.rest;

import fr.strasbourg.metrocloud.kernel.problem.NotFoundProblem;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.signatures.application.Crls;
import fr.strasbourg.metrocloud.signatures.application.PadesSignatures;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The platform PKI's public face: trust anchor, timestamp authority certificate and CRLs at stable
 * URLs (the certificates' CRL distribution points). Public: verifiers fetch them without an
 * account.
 */
@Path("pki")
@RequestScoped
@Tag(name = "PKI")
public class PkiResource {

  private static final String CERT = "application/pkix-cert";
  private static final String CRL = "application/pkix-crl";

  @Inject PadesSignatures signatures;

  @Inject Crls crls;

  @GET
  @Path("root.crt")
  @Produces(CERT)
  @PermitAll
  @Operation(
      summary = "The platform root CA certificate (DER): the trust anchor of every signature")
  public Response root() {
    return der(signatures.rootCertificate(), "metrocloud-root.crt");
  }

  @GET
  @Path("root.pem")
  @Produces("application/x-pem-file")
  @PermitAll
  @Operation(summary = "The platform root CA certificate (PEM)")
  public Response rootPem() {
    try {
      String pem =
          "-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(signatures.rootCertificate().getEncoded())
              + "\n-----END CERTIFICATE-----\n";
      return Response.ok(pem).header("Cache-Control", "public, max-age=3600").build();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  @GET
  @Path("tsa.crt")
  @Produces(CERT)
  @PermitAll
  @Operation(summary = "The platform timestamp authority's certificate (DER)")
  public Response tsa() {
    return der(signatures.timestampAuthorityCertificate(), "metrocloud-tsa.crt");
  }

  @GET
  @Path("crl/{name}.crl")
  @Produces(CRL)
  @PermitAll
  @Operation(
      summary =
          "A CRL (DER, valid one day): root.crl (revoked commune CAs) or {insee}.crl (a commune's"
              + " revoked signers)")
  public Response crl(@PathParam("name") String name) {
    byte[] crl;
    if ("root".equals(name)) {
      crl = crls.rootCrl();
    } else if (InseeCode.isValid(name)) {
      crl =
          crls.communeCrl(InseeCode.of(name))
              .orElseThrow(
                  () ->
                      new NotFoundProblem(
                          "crl-not-found", "Aucune liste de révocation active : " + name));
    } else {
      throw new NotFoundProblem("crl-not-found", "Aucune liste de révocation : " + name);
    }
    return Response.ok(crl, CRL)
        .header("Cache-Control", "public, max-age=300")
        .header("Content-Disposition", "attachment; filename=\"" + name + ".crl\"")
        .build();
  }

  private static Response der(X509Certificate certificate, String fileName) {
    try {
      return Response.ok(certificate.getEncoded(), CERT)
          .header("Cache-Control", "public, max-age=3600")
          .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
          .build();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
