package fr.strasbourg.metrocloud.app.incontainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.app.support.Deployments;
import fr.strasbourg.metrocloud.catalog.api.ServiceCode;
import fr.strasbourg.metrocloud.catalog.domain.Subscription;
import fr.strasbourg.metrocloud.kernel.tenancy.Actor;
import fr.strasbourg.metrocloud.kernel.tenancy.CallContext;
import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.kernel.tenancy.Role;
import fr.strasbourg.metrocloud.tenants.api.TenantDirectory;
import fr.strasbourg.metrocloud.tenants.application.NewTenant;
import fr.strasbourg.metrocloud.tenants.application.TenantStore;
import fr.strasbourg.metrocloud.tenants.domain.FirstAdministrator;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Isolation proven inside the running platform: the tests run in the server, in the platform's own
 * transactions, with the platform's tenant binding, on the application's database role. Queries
 * here never filter on a tenant; what each test observes is PostgreSQL's Row-Level Security at
 * work.
 */
@ExtendWith(ArquillianExtension.class)
class TenancyIsolationIT {

  private static final InseeCode ACHENHEIM = InseeCode.of("67001");
  private static final InseeCode BLAESHEIM = InseeCode.of("67049");
  private static final Actor ALICE = new Actor("test-alice", "alice", "Alice");
  private static final Actor OPERATOR = new Actor("test-operator", "operator", "Opérateur");

  @Deployment
  static WebArchive app() {
    return Deployments.applicationWithTests(TenancyIsolationIT.class, IsolationProbe.class);
  }

  @Inject IsolationProbe probe;

  @Inject TenantStore tenants;

  @Inject TenantDirectory directory;

  private final CallContext inA =
      CallContext.communeUser(ALICE, ACHENHEIM, Set.of(Role.COMMUNE_ADMIN));
  private final CallContext inB =
      CallContext.communeUser(ALICE, BLAESHEIM, Set.of(Role.COMMUNE_ADMIN));
  private final CallContext operator = CallContext.operator(OPERATOR);

  private UUID subscriptionOfA;
  private UUID subscriptionOfB;

  @BeforeEach
  void twoCommunesWithASubscriptionEach() {
    for (InseeCode commune : List.of(ACHENHEIM, BLAESHEIM)) {
      if (directory.find(operator, commune).isEmpty()) {
        CallContext onCommune = operator.actingOn(commune);
        tenants.create(
            onCommune,
            new NewTenant(
                commune,
                commune.equals(ACHENHEIM) ? "Achenheim" : "Blaesheim",
                commune.equals(ACHENHEIM) ? "67204" : "67113",
                2000,
                null,
                null,
                new FirstAdministrator(
                    "admin." + commune, "Admin", "Test", "admin@" + commune + ".example.org")));
        tenants.markActive(onCommune, List.of(), new java.util.HashMap<>());
      }
    }
    subscriptionOfA = subscribe(inA, ACHENHEIM);
    subscriptionOfB = subscribe(inB, BLAESHEIM);
  }

  private UUID subscribe(CallContext context, InseeCode commune) {
    // One-day subscriptions on successive days, so that no two ever overlap
    LocalDate latest = probe.latestStart(context);
    LocalDate start =
        (latest == null || latest.isBefore(LocalDate.now()) ? LocalDate.now() : latest).plusDays(2);
    Subscription s =
        Subscription.start(
            commune, ServiceCode.E_SIGNATURE, start, LocalDate.now(), null, "alice", Instant.now());
    s.end(start.plusDays(1), LocalDate.now(), null, "alice", Instant.now());
    probe.persist(context, s);
    return s.id();
  }

  @Test
  void aQueryWithoutTenantFilterSeesOnlyTheBoundCommunesRows() {
    List<String> native_ = probe.nativeSubscriptionTenants(inA);
    assertThat(native_).isNotEmpty().containsOnly("67001");
    assertThat(probe.jpqlSubscriptions(inA))
        .extracting(Subscription::id)
        .contains(subscriptionOfA)
        .doesNotContain(subscriptionOfB);
    assertThat(probe.jpqlSubscriptions(inA))
        .extracting(s -> s.commune().value())
        .containsOnly("67001");
    assertThat(probe.nativeTenantRows(inA)).containsExactly("67001");
    assertThat(probe.nativeTenantRows(inB)).containsExactly("67049");
  }

  @Test
  void lookingUpAnotherCommunesEntityByIdFindsNothingEvenRightAfterItWasLoaded() {
    // Load B's subscription in B's transaction first: a shared cache would now hold it
    assertThat(probe.find(inB, subscriptionOfB)).isNotNull();
    assertThat(probe.find(inA, subscriptionOfB)).isNull();
    assertThat(probe.find(inA, subscriptionOfA)).isNotNull();
  }

  @Test
  void anUpdateWithoutTenantConditionCannotTouchAnotherCommunesRow() {
    assertThat(probe.updateDeliberation(inA, subscriptionOfB, "hijacked")).isZero();
    assertThat(probe.find(inB, subscriptionOfB).endDeliberationRef()).isNull();
    assertThat(probe.updateDeliberation(inA, subscriptionOfA, "DCM-OK")).isEqualTo(1);
  }

  @Test
  void insertingARowForAnotherCommuneIsRejectedByTheDatabase() {
    assertThatThrownBy(() -> probe.insertSubscriptionFor(inA, "67049"))
        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"))
        .hasStackTraceContaining("row-level security");
    Subscription forB =
        Subscription.start(
            BLAESHEIM,
            ServiceCode.ARCHIVING,
            LocalDate.now().plusYears(1),
            LocalDate.now(),
            null,
            "x",
            Instant.now());
    assertThatThrownBy(() -> probe.persist(inA, forB))
        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
    assertThat(probe.find(inB, forB.id())).isNull();
  }

  @Test
  void withoutABindingNothingIsVisibleAndNothingCanBeWritten() {
    assertThat(probe.unboundCount()).isZero();
    assertThatThrownBy(() -> probe.unboundInsert("67001"))
        .satisfies(e -> assertThat(sqlState(e)).isIn("42501", "23514"));
  }

  @Test
  void theBindingEndsWithItsTransaction() {
    assertThat(probe.boundTenant(inA)).isEqualTo("67001");
    // The next transaction, possibly on the same pooled connection, is not bound
    for (int i = 0; i < 5; i++) {
      assertThat(probe.unboundSetting()).isNullOrEmpty();
    }
  }

  @Test
  void aTransactionCannotSwitchCommune() {
    assertThatThrownBy(() -> probe.twoTenantsInOneTransaction(inA, inB))
        .hasStackTraceContaining("refusing switch");
  }

  @Test
  void theOperatorReadsAcrossCommunesButCannotWriteForOne() {
    assertThat(probe.nativeSubscriptionTenants(operator)).contains("67001", "67049");
    assertThat(probe.nativeTenantRows(operator)).contains("67001", "67049");
    assertThatThrownBy(() -> probe.insertSubscriptionFor(operator, "67001"))
        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("42501"));
    assertThat(probe.updateDeliberation(operator, subscriptionOfA, "by-operator")).isZero();
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getSQLState();
      }
    }
    return "no SQLException in " + e;
  }
}
