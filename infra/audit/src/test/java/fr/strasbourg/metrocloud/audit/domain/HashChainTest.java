package fr.strasbourg.metrocloud.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fr.strasbourg.metrocloud.kernel.audit.Outcome;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashChainTest {

  private static List<AuditEvent> chain(int length) {
    List<AuditEvent> events = new ArrayList<>();
    String prev = HashChain.GENESIS;
    for (int i = 1; i <= length; i++) {
      AuditEvent e =
          AuditEvent.next(
              "67482",
              i,
              Instant.parse("2026-11-23T10:15:30.123456789Z").plusSeconds(i),
              "sub-" + i,
              "user" + i,
              ActorKind.COMMUNE_USER,
              "catalog.subscription.created",
              "subscription",
              "id-" + i,
              Outcome.SUCCESS,
              "{\"service\":\"e-signature\"}",
              prev);
      events.add(e);
      prev = e.hash();
    }
    return events;
  }

  private static void set(AuditEvent e, String field, Object value) throws Exception {
    Field f = AuditEvent.class.getDeclaredField(field);
    f.setAccessible(true);
    f.set(e, value);
  }

  @Test
  void anIntactChainVerifies() {
    HashChain.Verifier v = new HashChain.Verifier().accept(chain(5).iterator());
    assertThat(v.failed()).isFalse();
    assertThat(v.verifiedEntries()).isEqualTo(5);
    assertThat(v.lastHash()).hasSize(64);
  }

  @Test
  void timestampsAreTruncatedToWhatPostgresqlStores() {
    assertThat(chain(1).get(0).occurredAt().getNano() % 1000).isZero();
  }

  @Test
  void anAlteredEntryIsReportedAtItsSequenceNumber() throws Exception {
    List<AuditEvent> events = chain(5);
    set(events.get(2), "actorUsername", "mallory");
    HashChain.Verifier v = new HashChain.Verifier().accept(events.iterator());
    assertThat(v.failure()).contains(new HashChain.Failure(3, HashChain.Break.CONTENT_ALTERED));
    assertThat(v.verifiedEntries()).isEqualTo(2);
  }

  @Test
  void aRehashedEntryBreaksTheLinkOfTheNextOne() throws Exception {
    List<AuditEvent> events = chain(5);
    set(events.get(1), "outcome", Outcome.DENIED);
    set(events.get(1), "hash", HashChain.hash(events.get(1)));
    HashChain.Verifier v = new HashChain.Verifier().accept(events.iterator());
    assertThat(v.failure()).contains(new HashChain.Failure(3, HashChain.Break.BROKEN_LINK));
  }

  @Test
  void aDeletedEntryIsASequenceGap() {
    List<AuditEvent> events = chain(5);
    events.remove(3);
    HashChain.Verifier v = new HashChain.Verifier().accept(events.iterator());
    assertThat(v.failure()).contains(new HashChain.Failure(4, HashChain.Break.SEQUENCE_GAP));
  }

  @Test
  void canonicalFormIsUnambiguous() throws Exception {
    AuditEvent a = chain(1).get(0);
    AuditEvent b = chain(1).get(0);
    set(a, "targetType", "ab");
    set(a, "targetId", "c");
    set(b, "targetType", "a");
    set(b, "targetId", "bc");
    set(b, "id", a.id());
    assertThat(HashChain.canonicalForm(a)).isNotEqualTo(HashChain.canonicalForm(b));
  }

  @Test
  void verificationCarriesStateAcrossBatches() {
    List<AuditEvent> events = chain(6);
    HashChain.Verifier v = new HashChain.Verifier();
    v.accept(events.subList(0, 3).iterator()).accept(events.subList(3, 6).iterator());
    assertThat(v.failed()).isFalse();
    assertThat(v.verifiedEntries()).isEqualTo(6);
  }
}
