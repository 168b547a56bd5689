/**
 * First brick of the shared electronic archive (SAE, système d'archivage électronique) of the 33
 * communes of the Eurométropole de Strasbourg: SEDA 2.2 messages (the French standard for data
 * exchange in archiving) produced and validated offline against the bundled schemas, and incoming
 * transfer packages (SIP, in OAIS terms) checked before ingest: manifest, files, SHA-256 digests,
 * ZIP bombs and path traversal. Later bricks will store the archives as NF Z42-013 / ISO 14641
 * require (integrity, traceability, durability).
 */
package fr.strasbourg.metrocloud.archive.seda;
