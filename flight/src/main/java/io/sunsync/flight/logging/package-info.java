/**
 * Logging that the outside world cannot turn into a flood: {@link io.sunsync.flight.logging.RateLimitedLog}
 * writes at most a set number of lines per window and then one line saying how many it
 * suppressed, by category.
 */
package io.sunsync.flight.logging;
