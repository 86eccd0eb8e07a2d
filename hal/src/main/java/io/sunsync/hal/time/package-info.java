/**
 * Where the flight software's time comes from: the wall clock on a real board, or the sim
 * harness's virtual clock, which advances the physics as the flight scheduler waits on it.
 */
package io.sunsync.hal.time;
