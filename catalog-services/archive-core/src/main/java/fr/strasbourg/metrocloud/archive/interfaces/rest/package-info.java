/** The archive's REST API ({@code /api/v1/archive}, and the DSI's per-commune operations). */
package fr.strasbourg.metrocloud.archive.interfaces.rest;
