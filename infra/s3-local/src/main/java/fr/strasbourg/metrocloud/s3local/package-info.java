/**
 * A local S3-compatible object store for development and tests: S3Proxy with its filesystem backend
 * on loopback. The platform talks to it over HTTP with the MinIO SDK exactly as it talks to MinIO
 * in production.
 */
package fr.strasbourg.metrocloud.s3local;
