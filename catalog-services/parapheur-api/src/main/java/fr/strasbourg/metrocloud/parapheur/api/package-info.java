/** The parapheur as other contexts use it (e.g. the mission orders have their order signed). */
package fr.strasbourg.metrocloud.parapheur.api;
