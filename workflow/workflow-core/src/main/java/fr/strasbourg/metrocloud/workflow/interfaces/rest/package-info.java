/** REST resources of the procedures: /leave, /workflow. */
package fr.strasbourg.metrocloud.workflow.interfaces.rest;
