package fr.strasbourg.metrocloud.tenants.application;

import fr.strasbourg.metrocloud.kernel.tenancy.InseeCode;
import fr.strasbourg.metrocloud.tenants.domain.Contact;
import fr.strasbourg.metrocloud.tenants.domain.Convention;
import fr.strasbourg.metrocloud.tenants.domain.FirstAdministrator;

/** A commune to register and provision (already validated at the edge). */
public record NewTenant(
    InseeCode insee,
    String name,
    String postalCode,
    int population,
    Contact contact,
    Convention convention,
    FirstAdministrator administrator) {}
