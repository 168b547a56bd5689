/** Small HTTP helpers shared by the REST resources of every context. */
package fr.strasbourg.metrocloud.kernel.http;
