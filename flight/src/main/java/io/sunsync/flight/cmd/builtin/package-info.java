/**
 * The command set of the components that commanding itself owns or fronts: ping, arm, key
 * rotation, mode change (through {@link io.sunsync.flight.cmd.ModeControl}), telemetry rate,
 * accelerator boards and thermal loops (through the hal interfaces).
 */
package io.sunsync.flight.cmd.builtin;
