package fr.strasbourg.metrocloud.tenants.infrastructure.keycloak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemporaryPasswordsTest {

  @Test
  void passwordsAreLongMixedAndUnique() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String p = TemporaryPasswords.generate();
      assertThat(p).hasSize(20);
      assertThat(p).containsPattern("[a-z]").containsPattern("[A-Z]").containsPattern("[2-9]");
      assertThat(p).containsPattern("[-_.!@#%+=]");
      assertThat(p).doesNotContainPattern("[0O1lI]");
      assertThat(seen.add(p)).isTrue();
    }
  }
}
