/** The integration API ({@code /api/v1/integration}). */
package fr.strasbourg.metrocloud.integration.interfaces.rest;
