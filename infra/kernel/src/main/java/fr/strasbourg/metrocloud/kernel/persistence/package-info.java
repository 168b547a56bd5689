/** Persistence conventions shared by every context's entities. */
package fr.strasbourg.metrocloud.kernel.persistence;
