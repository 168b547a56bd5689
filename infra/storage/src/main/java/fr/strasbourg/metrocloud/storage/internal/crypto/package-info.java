/**
 * Envelope encryption. A commune's 256-bit data key encrypts its objects with AES-GCM in 64 KiB
 * segments (each with its own nonce and a last-segment flag in the authenticated data, so
 * reordering, truncation or any altered byte is detected while streaming); the data key itself is
 * stored wrapped by the platform master key, bound to its commune.
 */
package fr.strasbourg.metrocloud.storage.internal.crypto;
