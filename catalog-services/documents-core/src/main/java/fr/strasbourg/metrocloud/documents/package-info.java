/**
 * The shared document management context (GED): each commune's folders, documents and their
 * versions, stored encrypted in the commune's bucket, typed and tagged, their text extracted by
 * Apache Tika within limits and indexed for French full-text search, deletions kept in a trash for
 * 30 days.
 */
package fr.strasbourg.metrocloud.documents;
