/**
 * Use cases of the parapheur. A signature is made without holding a database transaction: the step
 * is first claimed (status SIGNING, one per folder), the PDF signed and stored in the GED, then the
 * step completed; a failure releases the claim, and a claim left by a crashed instance expires.
 */
package fr.strasbourg.metrocloud.parapheur.application;
