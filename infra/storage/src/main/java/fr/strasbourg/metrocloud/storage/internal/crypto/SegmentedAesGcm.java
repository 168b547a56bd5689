package fr.strasbourg.metrocloud.storage.internal.crypto;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Streaming AES-256-GCM in segments. Layout of an encrypted object:
 *
 * <pre>
 * header   "MCE1" | key id (16 bytes) | segment size (int32) | nonce prefix (8 random bytes)        32 bytes
 * segment  AES-GCM(data key, nonce = prefix | index (int32), aad = header | last flag) = data | tag(16)
 * </pre>
 *
 * The last segment (possibly empty) carries the flag 1; a stream that ends before a flagged
 * segment, has data after it, or has any byte altered fails to decrypt with an {@link IOException}.
 */
public final class SegmentedAesGcm {

  public static final int HEADER_SIZE = 32;
  public static final int TAG_SIZE = 16;
  public static final int DEFAULT_SEGMENT_SIZE = 64 * 1024;
  private static final byte[] MAGIC = "MCE1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_SEGMENT_SIZE = 16 * 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SegmentedAesGcm() {}

  /** Size at rest of {@code plainSize} bytes. */
  public static long encryptedSize(long plainSize, int segmentSize) {
    long segments = plainSize == 0 ? 1 : (plainSize + segmentSize - 1) / segmentSize;
    return HEADER_SIZE + plainSize + segments * TAG_SIZE;
  }

  public static InputStream encrypt(
      InputStream plaintext, SecretKey key, UUID keyId, int segmentSize) {
    return new Encrypting(plaintext, key, header(keyId, segmentSize), segmentSize);
  }

  /** Decrypts, looking the key up by the id written in the header. */
  public static InputStream decrypt(InputStream ciphertext, Function<UUID, SecretKey> keys) {
    return new Decrypting(ciphertext, keys);
  }

  private static byte[] header(UUID keyId, int segmentSize) {
    byte[] prefix = new byte[8];
    RANDOM.nextBytes(prefix);
    return ByteBuffer.allocate(HEADER_SIZE)
        .put(MAGIC)
        .putLong(keyId.getMostSignificantBits())
        .putLong(keyId.getLeastSignificantBits())
        .putInt(segmentSize)
        .put(prefix)
        .array();
  }

  private static byte[] nonce(byte[] header, int index) {
    return ByteBuffer.allocate(12).put(header, 24, 8).putInt(index).array();
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] header, int index, boolean last)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_SIZE * 8, nonce(header, index)));
    cipher.updateAAD(header);
    cipher.updateAAD(new byte[] {(byte) (last ? 1 : 0)});
    return cipher;
  }

  /** Pulls plaintext segment by segment and hands out header then ciphertext. */
  private static final class Encrypting extends InputStream {
    private final PushbackInputStream in;
    private final SecretKey key;
    private final byte[] header;
    private final byte[] segment;
    private byte[] out;
    private int position;
    private int index;
    private boolean done;

    Encrypting(InputStream in, SecretKey key, byte[] header, int segmentSize) {
      this.in = new PushbackInputStream(in, 1);
      this.key = key;
      this.header = header;
      this.segment = new byte[segmentSize];
      this.out = header;
    }

    private boolean fill() throws IOException {
      if (done) {
        return false;
      }
      int n = in.readNBytes(segment, 0, segment.length);
      boolean last = n < segment.length;
      if (!last) {
        int next = in.read();
        if (next == -1) {
          last = true;
        } else {
          in.unread(next);
        }
      }
      try {
        out = cipher(Cipher.ENCRYPT_MODE, key, header, index++, last).doFinal(segment, 0, n);
      } catch (GeneralSecurityException e) {
        throw new IOException("Encryption failed", e);
      }
      position = 0;
      done = last;
      return true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (position == out.length) {
        if (!fill()) {
          return -1;
        }
      }
      int n = Math.min(len, out.length - position);
      System.arraycopy(out, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** Verifies and decrypts segment by segment; never hands out unauthenticated bytes. */
  private static final class Decrypting extends InputStream {
    private final PushbackInputStream in;
    private final Function<UUID, SecretKey> keys;
    private byte[] header;
    private SecretKey key;
    private byte[] segment;
    private byte[] out = new byte[0];
    private int position;
    private int index;
    private boolean done;

    Decrypting(InputStream in, Function<UUID, SecretKey> keys) {
      this.in = new PushbackInputStream(in, 1);
      this.keys = keys;
    }

    private void readHeader() throws IOException {
      header = in.readNBytes(HEADER_SIZE);
      if (header.length < HEADER_SIZE || !Arrays.equals(Arrays.copyOf(header, 4), MAGIC)) {
        throw new IOException("Not an encrypted MetroCloud object");
      }
      ByteBuffer b = ByteBuffer.wrap(header, 4, 20);
      UUID keyId = new UUID(b.getLong(), b.getLong());
      int segmentSize = b.getInt();
      if (segmentSize <= 0 || segmentSize > MAX_SEGMENT_SIZE) {
        throw new IOException("Corrupt header: segment size " + segmentSize);
      }
      key = keys.apply(keyId);
      if (key == null) {
        throw new IOException("The key " + keyId + " of this object is not available (destroyed?)");
      }
      segment = new byte[segmentSize + TAG_SIZE];
    }

    private boolean fill() throws IOException {
      if (done) {
        return false;
      }
      if (header == null) {
        readHeader();
      }
      int n = in.readNBytes(segment, 0, segment.length);
      if (n < TAG_SIZE) {
        throw new EOFException("Encrypted object truncated");
      }
      boolean last = n < segment.length;
      if (!last) {
        int next = in.read();
        if (next == -1) {
          last = true;
        } else {
          in.unread(next);
        }
      }
      try {
        out = cipher(Cipher.DECRYPT_MODE, key, header, index++, last).doFinal(segment, 0, n);
      } catch (AEADBadTagException e) {
        throw new IOException(
            "Integrity check failed: the object was altered, truncated or reordered", e);
      } catch (GeneralSecurityException e) {
        throw new IOException("Decryption failed", e);
      }
      position = 0;
      done = last;
      return true;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (position == out.length) {
        if (!fill()) {
          return -1;
        }
      }
      int n = Math.min(len, out.length - position);
      System.arraycopy(out, position, b, off, n);
      position += n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
