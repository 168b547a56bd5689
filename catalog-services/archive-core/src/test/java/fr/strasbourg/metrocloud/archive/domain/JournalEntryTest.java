package fr.strasbourg.metrocloud.archive.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalEntryTest {

  private static List<JournalEntry> chain(int n) {
    List<JournalEntry> out = new ArrayList<>();
    String prev = JournalEntry.GENESIS;
    for (int i = 1; i <= n; i++) {
      JournalEntry e =
          JournalEntry.next(
              "67447",
              i,
              UUID.randomUUID(),
              Instant.parse("2026-12-02T10:00:00.123456789Z").plusSeconds(i),
              "unit.archived",
              UUID.randomUUID(),
              null,
              "sub",
              "Sophie Agent",
              "{\"n\":\"" + i + "\"}",
              prev);
      out.add(e);
      prev = e.hash();
    }
    return out;
  }

  @Test
  void anIntactChainVerifiesAndHashesSurviveTheDatabasesMicroseconds() {
    List<JournalEntry> entries = chain(5);
    assertThat(JournalEntry.verify(entries)).isEmpty();
    assertThat(entries.get(0).at().getNano() % 1000).isZero();
    assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
  }

  @Test
  void anAlteredEntryIsFoundAtItsSequence() {
    List<JournalEntry> entries = new ArrayList<>(chain(4));
    JournalEntry e = entries.get(2);
    entries.set(
        2,
        new JournalEntry(
            e.tenantId(),
            e.seq(),
            e.id(),
            e.at(),
            e.eventType(),
            e.unitId(),
            e.objectId(),
            e.actorSubject(),
            e.actorName(),
            "{\"n\":\"forged\"}",
            e.prevHash(),
            e.hash()));
    assertThat(JournalEntry.verify(entries))
        .hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(3));
  }

  @Test
  void aRemovedEntryOrAReplacedOneBreaksTheChain() {
    List<JournalEntry> entries = new ArrayList<>(chain(4));
    entries.remove(1);
    assertThat(JournalEntry.verify(entries))
        .hasValueSatisfying(b -> assertThat(b.seq()).isEqualTo(2));

    List<JournalEntry> replaced = new ArrayList<>(chain(3));
    JournalEntry other = chain(3).get(1);
    replaced.set(1, other);
    assertThat(JournalEntry.verify(replaced))
        .hasValueSatisfying(b -> assertThat(b.reason()).contains("chaînage"));
  }

  @Test
  void fieldsCannotBeShiftedFromOneToAnother() {
    JournalEntry a =
        JournalEntry.next(
            "67447",
            1,
            new UUID(0, 1),
            Instant.EPOCH,
            "x",
            null,
            null,
            "ab",
            "c",
            "{}",
            JournalEntry.GENESIS);
    JournalEntry b =
        JournalEntry.next(
            "67447",
            1,
            new UUID(0, 1),
            Instant.EPOCH,
            "x",
            null,
            null,
            "a",
            "bc",
            "{}",
            JournalEntry.GENESIS);
    assertThat(a.hash()).isNotEqualTo(b.hash());
  }
}
