/**
 * Implementation of the object store: settings, MinIO adapter, per-commune keys, envelope
 * encryption, provisioning.
 */
package fr.strasbourg.metrocloud.storage.internal;
