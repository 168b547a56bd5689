/** Per-commune storage resources created at tenant provisioning: the data key, then the bucket. */
package fr.strasbourg.metrocloud.storage.internal.provisioning;
