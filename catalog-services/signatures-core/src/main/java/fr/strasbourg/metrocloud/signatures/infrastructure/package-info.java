/** Migrations, provisioning of the communes' signing CAs, software key custody. */
package fr.strasbourg.metrocloud.signatures.infrastructure;
