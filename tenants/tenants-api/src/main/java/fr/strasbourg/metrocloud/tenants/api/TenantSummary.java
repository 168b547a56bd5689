package fr.strasbourg.metrocloud.tenants.api;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;

/** What other contexts may know of a commune. */
public record TenantSummary(InseeCode insee, String name, int population, TenantStatus status) {}
