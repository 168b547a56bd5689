package fr.strasbourg.metrocloud.app.support;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment of every integration test is the real application WAR built by this module (same
 * classes, same persistence unit, same portal), deployed into a Liberty server created from the
 * production server.xml.
 */
public final class Deployments {

  private Deployments() {}

  public static WebArchive application() {
    File war = new File(System.getProperty("metrocloud.war", "target/metrocloud.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(
          "Build the WAR first (mvn package): " + war.getAbsolutePath());
    }
    return ShrinkWrap.create(ZipImporter.class, "metrocloud.war")
        .importFrom(war)
        .as(WebArchive.class);
  }

  /**
   * The application plus what in-container tests need on top of Arquillian's own libraries
   * (AssertJ).
   */
  public static WebArchive applicationWithTests(Class<?>... testClasses) {
    return application()
        .addClasses(testClasses)
        .addAsLibraries(jarOf(org.assertj.core.api.Assertions.class));
  }

  private static File jarOf(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
