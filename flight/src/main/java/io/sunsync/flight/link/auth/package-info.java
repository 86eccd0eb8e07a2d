/**
 * Telemetry authentication, after CCSDS SDLS's authentication of the return link: every message
 * the satellite publishes carries an HMAC-SHA256 under the active telemetry key, over the exact
 * payload bytes, the topic, the stream and the stream's sequence number
 * ({@link io.sunsync.flight.link.auth.TelemetryMacInput}), so the ground can tell what the
 * satellite said from what anyone on the broker made up or replayed. The telemetry keys are
 * distinct from the command keys. The wire form is in {@code docs/icd/downlink.md}.
 */
package io.sunsync.flight.link.auth;
