/**
 * Published language of the workflow context: the ports its procedures call and other contexts
 * implement (the budget check of mission orders, implemented today by the platform's internal
 * budget lines and later by the finance connector).
 */
package fr.strasbourg.metrocloud.workflow.api;
