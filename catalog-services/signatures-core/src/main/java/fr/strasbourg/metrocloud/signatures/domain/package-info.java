/** PKI operations and the DSS engine, without storage or framework. */
package fr.strasbourg.metrocloud.signatures.domain;
