package fr.strasbourg.metrocloud.archive.seda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SedaSchemasTest {

  @Test
  void resolver_serves_the_local_w3c_copies_and_refuses_any_other_location() {
    var resolver = new SedaSchemas.ClasspathResolver();

    assertThat(
            resolver
                .resolveResource(null, null, null, "http://www.w3.org/2001/xml.xsd", null)
                .getSystemId())
        .endsWith("seda/2.2/w3c/2001/xml.xsd");
    assertThat(resolver.resolveResource(null, null, null, "seda-2.2-types.xsd", null).getSystemId())
        .endsWith("seda/2.2/seda-2.2-types.xsd");
    assertThatThrownBy(
            () -> resolver.resolveResource(null, null, null, "http://evil.example/x.xsd", null))
        .hasMessageContaining("refused");
    assertThatThrownBy(() -> resolver.resolveResource(null, null, null, "../../etc/passwd", null))
        .hasMessageContaining("refused");
  }

  @Test
  void schema_is_loaded_once_and_garbage_is_reported_not_thrown() {
    assertThat(SedaSchemas.seda22()).isSameAs(SedaSchemas.seda22());
    assertThat(SedaSchemas.seda22().violations("not xml".getBytes())).hasSize(1);
    assertThat(SedaSchemas.seda22().violations(new byte[0])).hasSize(1);
  }
}
