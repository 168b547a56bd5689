package fr.strasbourg.metrocloud.storage.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentedAesGcmTest {

  private static final int SEGMENT = 1024;
  private static final UUID KEY_ID = UUID.randomUUID();
  private static final SecretKey KEY = MasterKey.newDataKey();

  private static byte[] plaintext(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private static byte[] encrypt(byte[] plain) throws IOException {
    try (InputStream in =
        SegmentedAesGcm.encrypt(new ByteArrayInputStream(plain), KEY, KEY_ID, SEGMENT)) {
      return in.readAllBytes();
    }
  }

  private static byte[] decrypt(byte[] cipher, SecretKey key) throws IOException {
    try (InputStream in =
        SegmentedAesGcm.decrypt(
            new ByteArrayInputStream(cipher), id -> id.equals(KEY_ID) ? key : null)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(
      ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 17, 100_000})
  void roundTripsAnySizeAndPredictsTheSizeAtRest(int size) throws IOException {
    byte[] plain = plaintext(size);
    byte[] cipher = encrypt(plain);
    assertThat((long) cipher.length).isEqualTo(SegmentedAesGcm.encryptedSize(size, SEGMENT));
    assertThat(decrypt(cipher, KEY)).isEqualTo(plain);
  }

  @Test
  void theSamePlaintextNeverEncryptsTheSameWay() throws IOException {
    byte[] plain = plaintext(5000);
    assertThat(encrypt(plain)).isNotEqualTo(encrypt(plain));
  }

  @Test
  void anAlteredByteIsDetected() throws IOException {
    byte[] cipher = encrypt(plaintext(5000));
    cipher[SegmentedAesGcm.HEADER_SIZE + 2 * (SEGMENT + 16) + 5] ^= 1;
    assertThatThrownBy(() -> decrypt(cipher, KEY))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Integrity");
  }

  @Test
  void droppingTheLastSegmentsIsDetected() throws IOException {
    byte[] cipher = encrypt(plaintext(5000));
    byte[] truncated = Arrays.copyOf(cipher, SegmentedAesGcm.HEADER_SIZE + 2 * (SEGMENT + 16));
    assertThatThrownBy(() -> decrypt(truncated, KEY)).isInstanceOf(IOException.class);
  }

  @Test
  void swappingSegmentsIsDetected() throws IOException {
    byte[] cipher = encrypt(plaintext(5000));
    int first = SegmentedAesGcm.HEADER_SIZE;
    int second = first + SEGMENT + 16;
    byte[] swapped = cipher.clone();
    System.arraycopy(cipher, first, swapped, second, SEGMENT + 16);
    System.arraycopy(cipher, second, swapped, first, SEGMENT + 16);
    assertThatThrownBy(() -> decrypt(swapped, KEY)).isInstanceOf(IOException.class);
  }

  @Test
  void anotherKeyCannotDecryptAndADestroyedKeyIsReported() throws IOException {
    byte[] cipher = encrypt(plaintext(100));
    assertThatThrownBy(() -> decrypt(cipher, MasterKey.newDataKey()))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> decrypt(cipher, null)).hasMessageContaining("not available");
  }

  @Test
  void garbageIsNotMistakenForAnEncryptedObject() {
    assertThatThrownBy(() -> decrypt("plain text, not encrypted".getBytes(), KEY))
        .hasMessageContaining("Not an encrypted");
  }

  @Test
  void wrappedDataKeysAreBoundToTheirCommune() {
    MasterKey master = new MasterKey(plaintext(32));
    SecretKey dataKey = MasterKey.newDataKey();
    UUID id = UUID.randomUUID();
    MasterKey.Wrapped wrapped = master.wrap(dataKey, "67482", id);
    assertThat(master.unwrap(wrapped, "67482", id).getEncoded()).isEqualTo(dataKey.getEncoded());
    assertThatThrownBy(() -> master.unwrap(wrapped, "67131", id)).hasMessageContaining("67131");
    assertThatThrownBy(() -> new MasterKey(plaintext(32 + 1).clone()).unwrap(wrapped, "67482", id))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(master.id()).startsWith("mk-").hasSize(19);
  }
}
