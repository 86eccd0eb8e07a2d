/**
 * Results downlink: finished results sent in SHA-256-checked chunks through the outbox at the
 * lowest priority, resumed after outages and restarts, repeated on ground request, released on
 * ground acknowledgement (CCSDS CFDP class 2 / PUS service 13 style). The job runner's results
 * store plugs in through {@link io.sunsync.flight.link.results.ResultSource}. Messages:
 * {@code docs/icd/downlink.md}.
 */
package io.sunsync.flight.link.results;
