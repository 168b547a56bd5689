/**
 * Billing use cases: runs over the communes (one transaction each), issuing and crediting a
 * commune's statement in a transaction bound to that commune, reads under the caller's binding.
 */
package fr.strasbourg.metrocloud.billing.application;
