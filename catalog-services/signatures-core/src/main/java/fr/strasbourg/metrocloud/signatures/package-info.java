/**
 * The platform's signature services: a PKI (platform root CA and timestamp authority, one signing
 * CA per commune, signer certificates issued on first use, CRLs at stable URLs), PAdES signing and
 * validation with EU DSS. Private keys stay in a {@link
 * fr.strasbourg.metrocloud.signatures.domain.KeyCustody}: sealed with the commune's data key here,
 * a PKCS#11 HSM behind the same port in a hardened deployment.
 */
package fr.strasbourg.metrocloud.signatures;
