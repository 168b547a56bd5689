/**
 * Use cases of the procedures: leave requests (submit, decide, cancel, balances, team calendar),
 * the tasks of the caller, the definitions each commune uses, settings and agents. Each public
 * method is one transaction bound to the caller's commune; the engine joins it.
 */
package fr.strasbourg.metrocloud.workflow.application;
