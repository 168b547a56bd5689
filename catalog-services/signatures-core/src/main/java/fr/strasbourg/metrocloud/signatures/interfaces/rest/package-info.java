/** Public PKI endpoints (root certificate, CRLs), validation reports, signer certificates. */
package fr.strasbourg.metrocloud.signatures.interfaces.rest;
