package fr.strasbourg.metrocloud.catalog.api;

import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What a commune's subscription in force grants: its id, since when, and the storage quota in bytes
 * (the subscription's own, or the service's default; empty when the service has none).
 */
public record SubscriptionTerms(UUID subscription, LocalDate startsOn, OptionalLong quotaBytes) {}
