/**
 * Running under systemd: readiness, watchdog keep-alives and stopping notices over the
 * {@code sd_notify} datagram protocol, so a hung control loop gets the service restarted.
 */
package io.sunsync.flight.systemd;
