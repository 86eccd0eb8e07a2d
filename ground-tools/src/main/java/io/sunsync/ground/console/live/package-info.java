/**
 * Live data from the satellites, entering through one place: {@link
 * io.sunsync.ground.console.live.TelemetryIngest} owns the console's MQTT subscription and hands
 * every message to a {@link io.sunsync.ground.console.live.TelemetryGate} before anything else
 * sees it (the slot where telemetry authentication goes), then to the fleet state, the event
 * log, the alarms, the command history and the job board, which push what changed to the
 * browsers.
 */
package io.sunsync.ground.console.live;
