/**
 * The archive's use cases: transfers from the GED and as SEDA packages, consultation, legal holds,
 * the chained journal and its seals, fixity audits.
 */
package fr.strasbourg.metrocloud.archive.application;
