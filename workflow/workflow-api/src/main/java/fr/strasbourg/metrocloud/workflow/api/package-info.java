/**
 * Published language of the workflow context (not built yet). The workflow context will run the
 * communes' internal procedures — leave requests and mission orders — as BPMN processes on a
 * Flowable engine inside the platform, on the platform's PostgreSQL, with the commune's INSEE code
 * as Flowable {@code tenantId} on every deployment, instance, task and job, and a per-commune
 * variant of a process winning over the shared default. Other contexts will find here the events it
 * emits (leave approved, mission order approved) and the ports it calls (budget check, HR export).
 */
package fr.strasbourg.metrocloud.workflow.api;
