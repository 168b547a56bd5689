package fr.strasbourg.metrocloud.integration.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.integration.domain.AgentsFile.Encoding;
import fr.strasbourg.metrocloud.integration.domain.AgentsFile.Parsed;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentsFileTest {

  private static final String HEADER =
      "identifiant;nom;prenom;courriel;service;responsable;rythme;solde_ca;date_sortie\n";

  private static Parsed parse(String text) {
    return AgentsFile.parse(text.getBytes(StandardCharsets.UTF_8), Map.of(), Encoding.AUTO);
  }

  @Test
  void readsAgentsWithBalancesLeavingDatesAndQuotedValues() {
    Parsed parsed =
        parse(
            "\uFEFF"
                + HEADER
                + "J.Muller;Müller;Jérôme;jerome.muller@commune.fr;\"Voirie; propreté\";;MON,TUE, WED_AM;12,5;\r\n"
                + "\n"
                + "a.klein;Klein;Anne;anne.klein@commune.fr;Voirie;j.muller;;3;31/12/2020\n");
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.lines()).isEqualTo(2);
    assertThat(parsed.encoding()).isEqualTo("UTF-8");
    var muller = parsed.agents().get(0);
    assertThat(muller.username()).isEqualTo("j.muller");
    assertThat(muller.displayName()).isEqualTo("Jérôme Müller");
    assertThat(muller.service()).isEqualTo("Voirie; propreté");
    assertThat(muller.workingPattern()).isEqualTo("MON,TUE,WED_AM");
    assertThat(muller.balances()).containsEntry("CA", new BigDecimal("12.5"));
    assertThat(muller.leftOn(LocalDate.of(2026, 12, 2))).isFalse();
    var klein = parsed.agents().get(1);
    assertThat(klein.line()).isEqualTo(4);
    assertThat(klein.manager()).isEqualTo("j.muller");
    assertThat(klein.leftOn(LocalDate.of(2026, 12, 2))).isTrue();
  }

  @Test
  void badLinesAreReportedWithTheirNumberAndReasonWhileGoodOnesAreKept() {
    Parsed parsed =
        parse(
            HEADER
                + "ok.one;Un;Agent;un@commune.fr;;;;;\n"
                + "bad.mail;Deux;Agent;pas-un-courriel;;;;;\n"
                + "short;Trois;Agent\n"
                + "self;Quatre;Agent;q@commune.fr;;self;;;\n"
                + "bal;Cinq;Agent;c@commune.fr;;;;12,3;\n"
                + "date;Six;Agent;s@commune.fr;;;;;32/01/2026\n"
                + "quote;\"Sept;Agent;s@commune.fr;;;;;\n"
                + ";Huit;Agent;h@commune.fr;;;;;\n"
                + "ok.one;Un;Agent;un@commune.fr;;;;;\n"
                + "ok.one;Un;Autre;un@commune.fr;;;;;\n"
                + "pattern;Neuf;Agent;n@commune.fr;;;LUNDI;;\n");
    assertThat(parsed.agents())
        .extracting(AgentsFile.AgentLine::username)
        .containsExactly("ok.one");
    assertThat(parsed.errors())
        .extracting(AgentsFile.LineError::line)
        .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(parsed.errors().get(0).reason()).contains("Courriel invalide");
    assertThat(parsed.errors().get(1).reason()).contains("3 champ(s) au lieu de 9");
    assertThat(parsed.errors().get(1).identifier()).isEqualTo("short");
    assertThat(parsed.errors().get(2).reason()).contains("propre responsable");
    assertThat(parsed.errors().get(3).reason()).contains("Solde invalide");
    assertThat(parsed.errors().get(4).reason()).contains("Date de sortie invalide");
    assertThat(parsed.errors().get(5).reason()).contains("Guillemet non fermé");
    assertThat(parsed.errors().get(6).reason()).contains("Identifiant manquant");
    assertThat(parsed.errors().get(7).reason()).contains("en double de la ligne 2");
    assertThat(parsed.errors().get(8).reason()).contains("déjà présent ligne 2");
    assertThat(parsed.errors().get(9).reason()).contains("Rythme de travail invalide");
  }

  @Test
  void latin1LinesAreToldApartFromUtf8OnesLineByLine() {
    Charset latin = Charset.forName("windows-1252");
    byte[] header = "identifiant,nom,prenom,courriel\n".getBytes(StandardCharsets.US_ASCII);
    byte[] utf8 = "z.schoen,Schœnberg,Zoé,z@c.fr\n".getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "e.francois,François,Émile,e@c.fr\n".getBytes(latin);
    byte[] both = concat(header, utf8, latin1);

    Parsed auto = AgentsFile.parse(both, Map.of(), Encoding.AUTO);
    assertThat(auto.errors()).isEmpty();
    assertThat(auto.encoding()).isEqualTo("MIXTE");
    assertThat(auto.agents())
        .extracting(AgentsFile.AgentLine::lastName)
        .containsExactly("Schœnberg", "François");
    assertThat(auto.agents().get(1).firstName()).isEqualTo("Émile");

    Parsed declaredUtf8 = AgentsFile.parse(both, Map.of(), Encoding.UTF_8);
    assertThat(declaredUtf8.agents()).hasSize(1);
    assertThat(declaredUtf8.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.reason()).contains("0xE7 en position 16").contains("ISO-8859-1");
            });

    Parsed declaredLatin = AgentsFile.parse(both, Map.of(), Encoding.ISO_8859_1);
    assertThat(declaredLatin.agents())
        .extracting(AgentsFile.AgentLine::firstName)
        .containsExactly("Émile");
    assertThat(declaredLatin.errors().get(0).line()).isEqualTo(2);
    assertThat(declaredLatin.errors().get(0).reason()).contains("encodée en UTF-8");
    assertThat(AgentsFile.parse(concat(header, latin1), Map.of(), Encoding.AUTO).encoding())
        .isEqualTo("ISO-8859-1");
  }

  @Test
  void missingRequiredColumnsRefuseTheWholeFileNamingThem() {
    assertThatThrownBy(() -> parse("identifiant;nom;email_pro\nx;y;z@c.fr\n"))
        .isInstanceOf(AgentsFile.Unreadable.class)
        .hasMessageContaining("prenom, courriel")
        .hasMessageContaining("Colonnes lues : identifiant, nom, email_pro")
        .extracting(e -> ((AgentsFile.Unreadable) e).code())
        .isEqualTo("missing-columns");
    assertThatThrownBy(() -> parse(" \n\n")).hasMessageContaining("vide");
  }

  @Test
  void mappingsRenameTheVendorsColumnsAndAliasesNeedNone() {
    Parsed parsed =
        AgentsFile.parse(
            ("LOGIN_AD;Nom usuel;Prénom;MAIL_PRO;Matricule\n" + "p.weber;Weber;Paul;p@c.fr;A-1\n")
                .getBytes(StandardCharsets.UTF_8),
            Map.of("identifiant", "LOGIN_AD", "courriel", "MAIL_PRO"),
            Encoding.AUTO);
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.agents().get(0).email()).isEqualTo("p@c.fr");
    assertThat(parsed.agents().get(0).employeeId()).isEqualTo("A-1");
    assertThatThrownBy(
            () ->
                AgentsFile.parse(
                    "a;b;c\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("courriel", "MAIL_PRO"),
                    Encoding.AUTO))
        .hasMessageContaining("MAIL_PRO (courriel)");
  }

  @Test
  void theFingerprintChangesWithTheContentOnly() {
    var a = parse(HEADER + "x.y;Y;X;x@c.fr;S;;;1;\n").agents().get(0);
    var same = parse(HEADER + "\n X.Y ; Y ;X;X@C.FR;S;;;1,0;\n").agents().get(0);
    var other = parse(HEADER + "x.y;Y;X;x@c.fr;S;;;1,5;\n").agents().get(0);
    assertThat(same.fingerprint()).isEqualTo(a.fingerprint());
    assertThat(other.fingerprint()).isNotEqualTo(a.fingerprint());
  }

  private static byte[] concat(byte[]... parts) {
    var out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
