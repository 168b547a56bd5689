/** The parapheur's REST API (templates, folders, inbox, delegations, notifications). */
package fr.strasbourg.metrocloud.parapheur.interfaces.rest;
