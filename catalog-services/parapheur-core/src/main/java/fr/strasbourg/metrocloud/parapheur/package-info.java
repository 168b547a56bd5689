/**
 * The shared parapheur: circuit templates (stages of visas and signatures assigned to a named
 * person or a role of the commune), folders routed through them, delegation of signing rights, the
 * history of every action. Signatures are made through the signatures context and stored as new
 * versions of the GED document.
 */
package fr.strasbourg.metrocloud.parapheur;
