/** Circuit rules, without storage: template validation, stage progression, who may act. */
package fr.strasbourg.metrocloud.parapheur.domain;
