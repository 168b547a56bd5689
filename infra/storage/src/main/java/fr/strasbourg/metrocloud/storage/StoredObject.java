package fr.strasbourg.metrocloud.storage;

/**
 * An object as stored: its key, its plaintext size and SHA-256 (hex), and its size at rest
 * (encrypted).
 */
public record StoredObject(String key, long size, String sha256, long storedSize) {}
