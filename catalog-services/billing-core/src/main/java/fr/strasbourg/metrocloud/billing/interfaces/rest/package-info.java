/** Billing REST API ({@code /billing}): runs, statements, documents, credits; DTOs. */
package fr.strasbourg.metrocloud.billing.interfaces.rest;
