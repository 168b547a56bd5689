package fr.strasbourg.metrocloud.kernel.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

  @Test
  void keepsTheExactNameInUtf8AndAHarmlessAsciiFallback() {
    assertThat(ContentDisposition.attachment("délibération \"finale\".pdf"))
        .isEqualTo(
            "attachment; filename=\"d_lib_ration _finale_.pdf\";"
                + " filename*=UTF-8''d%C3%A9lib%C3%A9ration%20%22finale%22.pdf");
    assertThat(ContentDisposition.attachment("a\\b.txt"))
        .startsWith("attachment; filename=\"a_b.txt\"");
  }
}
