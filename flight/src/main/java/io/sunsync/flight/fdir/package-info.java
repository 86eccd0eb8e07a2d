/**
 * Fault detection, isolation and recovery: limit monitors with persistence on every reading
 * (like cFS Limit Checker watchpoints and actionpoints), board isolation after repeated hangs
 * or errors, sensor fallback, pump failure handling and the rate-group watchdog. Entering safe
 * mode never needs the ground. See {@code docs/fdir.md}.
 */
package io.sunsync.flight.fdir;
