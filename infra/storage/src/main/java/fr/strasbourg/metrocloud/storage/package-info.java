/**
 * Per-commune object storage, the port services use: {@link
 * fr.strasbourg.metrocloud.storage.ObjectStore}. Each commune has its own bucket (created at
 * provisioning) and its own data key; every object is encrypted with that key before it leaves the
 * platform, so the object store never sees a commune's plaintext, and destroying the key
 * (crypto-shredding) makes the commune's objects unreadable. Everything under {@code internal} is
 * implementation.
 */
package fr.strasbourg.metrocloud.storage;
