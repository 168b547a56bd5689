package fr.strasbourg.metrocloud.app.incontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.app.support.Deployments;
import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.storage.ObjectStore;
import fr.strasbourg.metrocloud.storage.StoredObject;
import fr.strasbourg.metrocloud.storage.internal.StorageSettings;
import fr.strasbourg.metrocloud.storage.internal.keys.TenantKeyring;
import fr.strasbourg.metrocloud.storage.internal.minio.MinioObjectStore;
import fr.strasbourg.metrocloud.storage.internal.provisioning.BucketProvisioner;
import fr.strasbourg.metrocloud.storage.internal.provisioning.DataKeyProvisioner;
import fr.strasbourg.metrocloud.tenants.api.ProvisionedResource;
import fr.strasbourg.metrocloud.tenants.api.ProvisioningTarget;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.application.NewTenant;
import fr.strasbourg.metrocloud.tenants.application.TenantStore;
import fr.strasbourg.metrocloud.tenants.domain.FirstAdministrator;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-commune object store inside the running platform, against the real S3 server of the test
 * environment: contents are encrypted at rest with the commune's key, altered objects are detected,
 * communes cannot reach each other's objects, and destroying a commune's key makes its objects
 * unreadable.
 */
@ExtendWith(ArquillianExtension.class)
class ObjectStorageIT {

  private static final InseeCode ECKWERSHEIM = InseeCode.of("67119");
  private static final InseeCode ENTZHEIM = InseeCode.of("67124");
  private static final InseeCode FEGERSHEIM = InseeCode.of("67137");
  private static final Actor OPERATOR = new Actor("test-operator", "operator", "Opérateur");

  @Deployment
  static WebArchive app() {
    return Deployments.applicationWithTests(ObjectStorageIT.class);
  }

  @Inject TenantStore tenants;

  @Inject TenantDirectory directory;

  @Inject DataKeyProvisioner keys;

  @Inject BucketProvisioner buckets;

  @Inject ObjectStore store;

  @Inject MinioObjectStore minio;

  @Inject StorageSettings settings;

  @Inject TenantKeyring keyring;

  private final CallContext operator = CallContext.operator(OPERATOR);

  private CallContext in(InseeCode commune) {
    return CallContext.communeUser(
        new Actor("agent", "agent", "Agent"), commune, Set.of(Role.AGENT));
  }

  @BeforeEach
  void communesWithKeysAndBuckets() throws Exception {
    for (InseeCode commune : List.of(ECKWERSHEIM, ENTZHEIM, FEGERSHEIM)) {
      if (directory.find(operator, commune).isEmpty()) {
        CallContext onCommune = operator.actingOn(commune);
        tenants.create(
            onCommune,
            new NewTenant(
                commune,
                "Commune " + commune,
                "67000",
                1000,
                null,
                null,
                new FirstAdministrator(
                    "admin." + commune, "A", "B", "a@" + commune + ".example.org")));
        tenants.markActive(onCommune, List.of(), new HashMap<>());
      }
      ProvisioningTarget target = target(commune);
      Map<String, ProvisionedResource> none = Map.of();
      keys.provision(target, none, new HashMap<>());
      buckets.provision(target, none, new HashMap<>());
    }
  }

  private static ProvisioningTarget target(InseeCode commune) {
    return new ProvisioningTarget(
        commune,
        "Commune " + commune,
        "67000",
        new ProvisioningTarget.Administrator("a", "b", "c", "d@e.fr"));
  }

  private static byte[] random(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  private MinioClient raw() {
    return MinioClient.builder()
        .endpoint(settings.endpoint())
        .region(settings.region())
        .credentials(settings.accessKey(), settings.secretKey())
        .build();
  }

  @Test
  void anObjectRoundTripsWithItsSizeAndFingerprint() throws Exception {
    byte[] content = random(200_000);
    String key = "tests/" + UUID.randomUUID();
    StoredObject stored =
        store.put(in(ECKWERSHEIM), key, new ByteArrayInputStream(content), content.length);
    assertThat(stored.size()).isEqualTo(200_000);
    assertThat(stored.sha256())
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    try (InputStream in = store.open(in(ECKWERSHEIM), key)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(store.exists(in(ECKWERSHEIM), key)).isTrue();
    assertThat(store.keys(in(ECKWERSHEIM), "tests/")).contains(key);
    store.delete(in(ECKWERSHEIM), key);
    assertThat(store.exists(in(ECKWERSHEIM), key)).isFalse();
  }

  @Test
  void contentsAreEncryptedAtRestAndAnAlteredObjectIsDetected() throws Exception {
    byte[] content =
        "Délibération du conseil municipal n° 2026-45 : budget primitif.".repeat(2000).getBytes();
    String key = "tests/" + UUID.randomUUID();
    StoredObject stored =
        store.put(in(ECKWERSHEIM), key, new ByteArrayInputStream(content), content.length);
    String bucket = settings.bucketOf(in(ECKWERSHEIM).tenant());
    byte[] atRest;
    try (InputStream in =
        raw().getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      atRest = in.readAllBytes();
    }
    assertThat(atRest).hasSize((int) stored.storedSize());
    assertThat(new String(atRest, 0, 4)).isEqualTo("MCE1");
    assertThat(new String(atRest, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("Délibération", "budget");

    atRest[5000] ^= 0x20;
    raw()
        .putObject(
            PutObjectArgs.builder().bucket(bucket).object(key).stream(
                    new ByteArrayInputStream(atRest), atRest.length, -1)
                .build());
    assertThatThrownBy(
            () -> {
              try (InputStream in = store.open(in(ECKWERSHEIM), key)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Integrity");
  }

  @Test
  void aCommuneCannotReachAnotherCommunesObjects() throws Exception {
    byte[] content = random(1000);
    String key = "tests/" + UUID.randomUUID();
    store.put(in(ECKWERSHEIM), key, new ByteArrayInputStream(content), content.length);
    assertThat(store.exists(in(ENTZHEIM), key)).isFalse();
    assertThatThrownBy(() -> store.open(in(ENTZHEIM), key))
        .isInstanceOf(MinioObjectStore.ObjectMissingException.class);
    assertThat(store.keys(in(ENTZHEIM), "tests/")).doesNotContain(key);
    assertThat(minio.bucket(in(ENTZHEIM)))
        .isEqualTo("metrocloud-67124")
        .isNotEqualTo(minio.bucket(in(ECKWERSHEIM)));
  }

  @Test
  void aContentThatDoesNotMatchItsAnnouncedSizeIsRefusedAndNotKept() {
    String shorter = "tests/" + UUID.randomUUID();
    assertThatThrownBy(
            () -> store.put(in(ECKWERSHEIM), shorter, new ByteArrayInputStream(random(100)), 1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.exists(in(ECKWERSHEIM), shorter)).isFalse();
    String longer = "tests/" + UUID.randomUUID();
    assertThatThrownBy(
            () -> store.put(in(ECKWERSHEIM), longer, new ByteArrayInputStream(random(2000)), 1000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.exists(in(ECKWERSHEIM), longer)).isFalse();
  }

  @Test
  void destroyingACommunesKeyMakesItsObjectsUnreadableAndDecommissioningRemovesTheBucket()
      throws Exception {
    byte[] content = random(5000);
    String key = "tests/" + UUID.randomUUID();
    store.put(in(FEGERSHEIM), key, new ByteArrayInputStream(content), content.length);
    ProvisioningTarget target = target(FEGERSHEIM);
    keys.decommission(target, null);
    assertThat(keyring.current(in(FEGERSHEIM))).isEmpty();
    assertThatThrownBy(() -> store.open(in(FEGERSHEIM), key)).hasMessageContaining("clé");
    buckets.decommission(target, null);
    assertThat(minio.bucketExists(in(FEGERSHEIM))).isFalse();
  }
}
