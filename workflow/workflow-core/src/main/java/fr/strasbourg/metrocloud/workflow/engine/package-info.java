/**
 * The Flowable process engine inside the platform: its schema (created and upgraded by the schema
 * owner, used by the application role), its JTA configuration on the platform's data source, its
 * managed threads, the CDI beans its BPMN expressions call, and the tenant-scoped access every
 * other class goes through.
 */
package fr.strasbourg.metrocloud.workflow.engine;
