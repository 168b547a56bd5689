/**
 * The MinIO SDK adapter of the object store (S3 over HTTP, to MinIO in production or the local S3
 * server).
 */
package fr.strasbourg.metrocloud.storage.internal.minio;
