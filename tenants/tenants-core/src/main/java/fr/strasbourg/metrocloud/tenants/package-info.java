/**
 * The tenants bounded context: the member communes of the Eurométropole as tenants of the platform,
 * their lifecycle (provisioning, suspension, decommissioning) driven by the DSI, the resources each
 * tenant owns outside its database rows, and the caller's identity as the platform sees it.
 */
package fr.strasbourg.metrocloud.tenants;
