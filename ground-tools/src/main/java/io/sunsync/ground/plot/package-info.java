/**
 * PNG charts of archived housekeeping (JFreeChart, headless): presets for the power budget,
 * state of charge, temperatures and caps, or any chosen points, with their limits drawn in.
 */
package io.sunsync.ground.plot;
