/**
 * The communes' data keys: created at provisioning, unwrapped per operation, destroyed at
 * decommissioning.
 */
package fr.strasbourg.metrocloud.storage.internal.keys;
