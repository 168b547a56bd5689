package fr.strasbourg.metrocloud.tenants.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.tenants.api.TenantStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TenantLifecycleTest {

  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  private static Tenant eschau() {
    return Tenant.register(
        InseeCode.of("67131"),
        "Eschau",
        "67114",
        5746,
        new Contact("DGS", "dgs@eschau.example", null),
        new Convention("EMS-2026-012", null),
        new FirstAdministrator("admin.eschau", "Anne", "Martin", "a.martin@eschau.example"),
        T0);
  }

  @Test
  void aNewCommuneIsProvisioningThenActive() {
    Tenant t = eschau();
    assertThat(t.status()).isEqualTo(TenantStatus.PROVISIONING);
    t.provisioningSucceeded(T0.plusSeconds(2));
    assertThat(t.status()).isEqualTo(TenantStatus.ACTIVE);
    assertThat(t.updatedAt()).isEqualTo(T0.plusSeconds(2));
  }

  @Test
  void aFailedProvisioningCanBeRetriedAndCompleted() {
    Tenant t = eschau();
    t.provisioningFailed("Keycloak injoignable", T0);
    assertThat(t.status()).isEqualTo(TenantStatus.PROVISIONING_FAILED);
    assertThat(t.statusReason()).isEqualTo("Keycloak injoignable");
    t.retryProvisioning(T0);
    t.provisioningSucceeded(T0);
    assertThat(t.status()).isEqualTo(TenantStatus.ACTIVE);
    assertThat(t.statusReason()).isNull();
  }

  @Test
  void suspendResumeAndDecommission() {
    Tenant t = eschau();
    t.provisioningSucceeded(T0);
    t.suspend("Convention non renouvelée", T0);
    assertThat(t.status()).isEqualTo(TenantStatus.SUSPENDED);
    assertThat(t.status().admitsUsers()).isFalse();
    t.resume(T0);
    assertThat(t.status()).isEqualTo(TenantStatus.ACTIVE);
    t.suspend("Départ de la commune", T0);
    t.decommission("Départ", T0);
    assertThat(t.status()).isEqualTo(TenantStatus.DECOMMISSIONED);
  }

  @Test
  void illegalTransitionsAreRefused() {
    Tenant t = eschau();
    assertThatThrownBy(() -> t.suspend("x", T0)).isInstanceOf(IllegalTransitionException.class);
    assertThatThrownBy(() -> t.resume(T0)).isInstanceOf(IllegalTransitionException.class);
    t.provisioningSucceeded(T0);
    assertThatThrownBy(() -> t.decommission("x", T0))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("ACTIVE");
    assertThatThrownBy(() -> t.retryProvisioning(T0))
        .isInstanceOf(IllegalTransitionException.class);
    t.suspend("x", T0);
    t.decommission("x", T0);
    assertThatThrownBy(() -> t.resume(T0)).isInstanceOf(IllegalTransitionException.class);
  }

  @Test
  void detailsCanBeUpdatedUntilDecommissioning() {
    Tenant t = eschau();
    t.provisioningSucceeded(T0);
    t.updateDetails(
        5800, new Contact("DGS", "dgs@eschau.example", "03 88 64 00 00"), null, T0.plusSeconds(60));
    assertThat(t.population()).isEqualTo(5800);
    assertThat(t.contact().phone()).isEqualTo("03 88 64 00 00");
    assertThat(t.convention()).isNull();
    assertThat(t.updatedAt()).isEqualTo(T0.plusSeconds(60));
    t.suspend("x", T0);
    t.decommission("x", T0);
    assertThatThrownBy(() -> t.updateDetails(1, null, null, T0))
        .isInstanceOf(IllegalTransitionException.class);
  }
}
