package fr.strasbourg.metrocloud.kernel.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CallContextTest {

  private static final Actor ALICE = new Actor("sub-1", "alice", "Alice");
  private static final InseeCode STRASBOURG = InseeCode.of("67482");
  private static final InseeCode ESCHAU = InseeCode.of("67131");

  @Test
  void communeUserIsBoundToItsCommuneWithoutCrossTenantRead() {
    CallContext ctx = CallContext.communeUser(ALICE, STRASBOURG, Set.of(Role.AGENT));
    assertThat(ctx.binding()).isEqualTo(new TenantBinding(TenantId.of(STRASBOURG), false));
    assertThat(ctx.requireCommune()).isEqualTo(STRASBOURG);
  }

  @Test
  void operatorRoleIsNeverHonouredInACommuneContext() {
    CallContext ctx =
        CallContext.communeUser(
            ALICE, STRASBOURG, Set.of(Role.PLATFORM_OPERATOR, Role.COMMUNE_ADMIN));
    assertThat(ctx.isOperator()).isFalse();
    assertThat(ctx.roles()).containsExactly(Role.COMMUNE_ADMIN);
  }

  @Test
  void aCommuneUserCannotSwitchCommune() {
    CallContext ctx = CallContext.communeUser(ALICE, STRASBOURG, Set.of(Role.COMMUNE_ADMIN));
    assertThatThrownBy(() -> ctx.actingOn(ESCHAU)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void operatorReadsAcrossTenantsButWritesOnlyAsTheCommuneItActsOn() {
    CallContext operator = CallContext.operator(ALICE);
    assertThat(operator.binding()).isEqualTo(new TenantBinding(TenantId.PLATFORM, true));
    assertThat(operator.commune()).isEmpty();

    CallContext onEschau = operator.actingOn(ESCHAU);
    assertThat(onEschau.binding()).isEqualTo(new TenantBinding(TenantId.of(ESCHAU), false));
    assertThat(onEschau.operatorActingOnBehalf()).contains(ALICE);
  }

  @Test
  void inseeCodesAreValidated() {
    assertThat(InseeCode.isValid("67482")).isTrue();
    assertThat(InseeCode.isValid("2A004")).isTrue();
    assertThat(InseeCode.isValid("6748")).isFalse();
    assertThat(InseeCode.isValid("674821")).isFalse();
    assertThat(InseeCode.isValid("67000")).isFalse();
    assertThat(InseeCode.isValid("ab123")).isFalse();
    assertThat(InseeCode.isValid("67482' OR 1=1")).isFalse();
    assertThatThrownBy(() -> InseeCode.of("x".repeat(500)))
        .hasMessageContaining("…")
        .hasMessageNotContaining("x".repeat(100));
  }

  @Test
  void tenantIdParsesCommunesAndThePlatform() {
    assertThat(TenantId.parse("platform").isPlatform()).isTrue();
    assertThat(TenantId.parse("67131").commune()).contains(ESCHAU);
  }
}
