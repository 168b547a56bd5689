package fr.strasbourg.metrocloud.tenants.application;

import fr.strasbourg.metrocloud.tenants.domain.RegisteredResource;
import fr.strasbourg.metrocloud.tenants.domain.Tenant;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a successful provisioning: the tenant, its registry and the one-time hand-over
 * values (e.g. the first administrator's temporary password) that are shown once and never stored.
 */
public record ProvisioningResult(
    Tenant tenant, List<RegisteredResource> resources, Map<String, String> handover) {}
