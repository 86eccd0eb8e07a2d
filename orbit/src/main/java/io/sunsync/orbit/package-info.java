/**
 * Orekit for sunsync without downloads: {@link io.sunsync.orbit.OrekitData} loads the time-scale
 * data shipped in this jar. Flight uses it to propagate uplinked elements on board; the sim
 * harness to fly its truth orbit.
 */
package io.sunsync.orbit;
