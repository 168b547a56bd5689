/**
 * The rules the communes' internal procedures follow, without framework: public holidays of France
 * and of Alsace-Moselle, working days of a leave counted in half days against an agent's working
 * pattern, mission allowances.
 */
package fr.strasbourg.metrocloud.workflow.domain;
