package fr.strasbourg.metrocloud.documents.application;

import fr.strasbourg.metrocloud.kernel.tenancy.TenantId;
import java.util.UUID;

/**
 * CDI event fired in the transaction that stored a version; observed after commit to start its
 * extraction.
 */
public record VersionStored(TenantId tenant, UUID versionId, boolean extractable) {}
