package fr.strasbourg.metrocloud.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleCommunesTest {

  @Test
  void theReferenceFileHoldsThe33MemberCommunes() {
    List<SampleCommunes.Commune> members = SampleCommunes.members();
    assertThat(members).hasSize(33);
    assertThat(members).contains(SampleCommunes.STRASBOURG, SampleCommunes.ESCHAU);
    assertThat(members.stream().mapToInt(SampleCommunes.Commune::population).sum())
        .isEqualTo(512_875);
    assertThat(members).extracting(SampleCommunes.Commune::insee).doesNotHaveDuplicates();
  }

  @Test
  void slugsAreLoginFriendly() {
    assertThat(new SampleCommunes.Commune("67204", "Hœnheim", "67800", 1).slug())
        .isEqualTo("hoenheim");
    assertThat(new SampleCommunes.Commune("67519", "La Wantzenau", "67610", 1).slug())
        .isEqualTo("la-wantzenau");
    assertThat(SampleCommunes.SELESTAT.slug()).isEqualTo("selestat");
    assertThat(new SampleCommunes.Commune("67218", "Illkirch-Graffenstaden", "67400", 1).slug())
        .isEqualTo("illkirch-graffenstaden");
  }
}
