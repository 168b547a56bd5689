/**
 * The archive's rules: retention rules (how long a kind of record is kept, then kept for good or
 * destroyed), archival agreements (which services of a commune may transfer what under which
 * rules), and when an archive unit may be proposed for disposal.
 */
package fr.strasbourg.metrocloud.archive.domain;
