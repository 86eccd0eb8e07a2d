/**
 * Telecommand authentication, after CCSDS SDLS: HMAC-SHA256 over the exact signed bytes with
 * the satellite's active key ({@link io.sunsync.flight.cmd.auth.KeyRing}), constant-time MAC
 * comparison, and a persisted anti-replay sequence window
 * ({@link io.sunsync.flight.cmd.auth.ReplayWindow}). The signed form is
 * {@link io.sunsync.flight.cmd.auth.SignedCommand}'s, documented in {@code docs/icd/commanding.md}.
 * Key material never appears in logs, exceptions or {@code toString()}.
 */
package io.sunsync.flight.cmd.auth;
