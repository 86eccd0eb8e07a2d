/**
 * Telemetry authentication on the ground: the one place every ground tool checks that a message
 * it received on a satellite's topics is what that satellite said. Flight signs each message
 * with its telemetry key (HMAC-SHA256 over the exact payload, the topic, the stream and the
 * stream's sequence number; MQTT 5 user properties {@code kid} and {@code mac}, see
 * {@code docs/icd/downlink.md}); {@link io.sunsync.ground.tmauth.TelemetryVerifier} checks the MAC
 * with the satellite's telemetry keys from the profile and the sequence number against what it has
 * seen, and says what the message is ({@link io.sunsync.ground.tmauth.Verdict}). Only
 * {@link io.sunsync.ground.tmauth.Verdict#AUTHENTIC} messages may be shown as a satellite's state;
 * the rest are counted and flagged.
 */
package io.sunsync.ground.tmauth;
