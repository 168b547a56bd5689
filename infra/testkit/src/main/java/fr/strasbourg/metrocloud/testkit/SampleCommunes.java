package fr.strasbourg.metrocloud.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The communes used by tests and the demo, from the reference file of the 33 member communes. */
public final class SampleCommunes {

  /** A commune as in {@code infra/reference/communes.csv}. */
  public record Commune(String insee, String name, String postalCode, int population) {
    /**
     * A login-friendly form of the name: {@code Hœnheim} → {@code hoenheim}, {@code La Wantzenau} →
     * {@code la-wantzenau}.
     */
    public String slug() {
      String s = name.toLowerCase(Locale.FRENCH).replace("œ", "oe").replace("æ", "ae");
      s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
      return s.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
  }

  public static final Commune STRASBOURG = new Commune("67482", "Strasbourg", "67000", 290600);
  public static final Commune ESCHAU = new Commune("67131", "Eschau", "67114", 5746);
  public static final Commune KOLBSHEIM = new Commune("67247", "Kolbsheim", "67120", 960);
  public static final Commune OSTHOFFEN = new Commune("67361", "Osthoffen", "67990", 880);
  public static final Commune ACHENHEIM = new Commune("67001", "Achenheim", "67204", 2504);
  public static final Commune BLAESHEIM = new Commune("67049", "Blaesheim", "67113", 1356);
  public static final Commune HANGENBIETEN = new Commune("67182", "Hangenbieten", "67980", 1650);
  public static final Commune LINGOLSHEIM = new Commune("67267", "Lingolsheim", "67380", 19300);
  public static final Commune HOLTZHEIM = new Commune("67212", "Holtzheim", "67810", 3900);
  public static final Commune LIPSHEIM = new Commune("67268", "Lipsheim", "67640", 2700);

  /** Bas-Rhin communes outside the Eurométropole: candidates for a 34th member. */
  public static final Commune OBERNAI = new Commune("67348", "Obernai", "67210", 11_000);

  public static final Commune MOLSHEIM = new Commune("67300", "Molsheim", "67120", 9_500);
  public static final Commune SELESTAT = new Commune("67462", "Sélestat", "67600", 19_000);
  public static final Commune BRUMATH = new Commune("67067", "Brumath", "67170", 10_000);
  public static final Commune SAVERNE = new Commune("67437", "Saverne", "67700", 11_000);

  private SampleCommunes() {}

  /** The 33 member communes, from the reference file. */
  public static List<Commune> members() {
    try (InputStream in = SampleCommunes.class.getResourceAsStream("/reference/communes.csv")) {
      if (in == null) {
        throw new IllegalStateException("reference/communes.csv is not on the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Commune> communes = new ArrayList<>();
      String header = reader.readLine();
      if (header == null || !header.startsWith("insee_code,name,postal_code,population")) {
        throw new IllegalStateException("Unexpected header of communes.csv: " + header);
      }
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",", -1);
        communes.add(new Commune(f[0], f[1], f[2], Integer.parseInt(f[3])));
      }
      return List.copyOf(communes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
