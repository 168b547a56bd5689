package fr.strasbourg.metrocloud.tenants.interfaces.rest;

import fr.strasbourg.metrocloud.tenants.domain.RegisteredResource;
import fr.strasbourg.metrocloud.tenants.domain.Tenant;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Wire formats of the tenants API. */
public final class TenantDtos {

  static final String INSEE = "(?:\\d{5}|2[AB]\\d{3})";
  static final String POSTAL_CODE = "\\d{5}";
  static final String USERNAME = "[a-z0-9][a-z0-9._-]{2,63}";
  static final String PHONE = "[+0-9 ().-]{6,30}";

  private TenantDtos() {}

  /** A commune as the API shows it. */
  public record TenantDto(
      String insee,
      String name,
      String postalCode,
      int population,
      String status,
      String statusReason,
      ContactDto contact,
      ConventionDto convention,
      String administratorUsername,
      Instant createdAt,
      Instant updatedAt) {

    static TenantDto of(Tenant t) {
      return new TenantDto(
          t.insee().value(),
          t.name(),
          t.postalCode(),
          t.population(),
          t.status().name(),
          t.statusReason(),
          t.contact() == null
              ? null
              : new ContactDto(t.contact().name(), t.contact().email(), t.contact().phone()),
          t.convention() == null
              ? null
              : new ConventionDto(t.convention().number(), t.convention().signedOn()),
          t.administrator().username(),
          t.createdAt(),
          t.updatedAt());
    }
  }

  /** The commune's contact. */
  public record ContactDto(
      @Size(max = 120) String name,
      @Email @Size(max = 254) String email,
      @Pattern(regexp = PHONE, message = "numéro de téléphone invalide") String phone) {}

  /** Reference of the commune's convention with the Eurométropole. */
  public record ConventionDto(@Size(max = 64) String number, @PastOrPresent LocalDate signedOn) {}

  /** The first commune administrator to create. */
  public record AdministratorDto(
      @NotNull
          @Pattern(
              regexp = USERNAME,
              message = "identifiant invalide (minuscules, chiffres, . _ -, 3 à 64 caractères)")
          String username,
      @NotBlank @Size(max = 80) String firstName,
      @NotBlank @Size(max = 80) String lastName,
      @NotNull @Email @Size(max = 254) String email) {}

  /** Body of {@code POST /tenants}. */
  public record CreateTenantRequest(
      @NotNull @Pattern(regexp = INSEE, message = "code INSEE invalide (5 caractères, ex. 67482)")
          String insee,
      @NotBlank @Size(max = 120) String name,
      @NotNull @Pattern(regexp = POSTAL_CODE, message = "code postal invalide (5 chiffres)")
          String postalCode,
      @NotNull @PositiveOrZero @Max(10_000_000) Integer population,
      @Valid ContactDto contact,
      @Valid ConventionDto convention,
      @NotNull @Valid AdministratorDto administrator) {}

  /**
   * Body of {@code PUT /tenants/{insee}/details}: replaces what the DSI keeps about the commune.
   */
  public record DetailsRequest(
      @NotNull @PositiveOrZero @Max(10_000_000) Integer population,
      @Valid ContactDto contact,
      @Valid ConventionDto convention) {}

  /** Body of {@code POST /tenants/{insee}/suspend} and {@code /decommission}. */
  public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {}

  /** An entry of the resource registry. */
  public record ResourceDto(
      String kind,
      String externalId,
      String description,
      String status,
      Instant createdAt,
      Instant updatedAt) {
    static ResourceDto of(RegisteredResource r) {
      return new ResourceDto(
          r.kind(),
          r.externalId(),
          r.description(),
          r.status().name(),
          r.createdAt(),
          r.updatedAt());
    }
  }

  /** One-time credentials of the first administrator (shown once, never stored by the platform). */
  public record InitialAdministratorDto(String username, String temporaryPassword) {}

  /** Response of a provisioning (creation or retry). */
  public record ProvisioningResponse(
      TenantDto tenant,
      List<ResourceDto> resources,
      InitialAdministratorDto initialAdministrator) {}
}
