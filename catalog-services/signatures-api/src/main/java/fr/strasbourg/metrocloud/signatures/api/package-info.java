/**
 * The platform's signature services as other contexts use them: {@link
 * fr.strasbourg.metrocloud.signatures.api.PdfSigning} (PAdES signatures by a commune's signer with
 * a certificate of the commune's signing CA), {@link
 * fr.strasbourg.metrocloud.signatures.api.SignatureValidation} (validation reports) and {@link
 * fr.strasbourg.metrocloud.signatures.api.Timestamping} (the platform's timestamp authority).
 */
package fr.strasbourg.metrocloud.signatures.api;
