/** Platform-wide producers and settings (clock, portal configuration). */
package fr.strasbourg.metrocloud.app.config;
