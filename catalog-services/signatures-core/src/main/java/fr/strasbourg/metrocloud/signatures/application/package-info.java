/** Use cases of the PKI and of PAdES signing and validation. */
package fr.strasbourg.metrocloud.signatures.application;
