/**
 * The ground console in the browser ({@code sunsync ground console}): a web server that speaks
 * MQTT 5 and the ICD like the command line does and serves one application: the fleet, each
 * satellite's telemetry, events and alarms, commanding and jobs, pushed live to every operator
 * with a bounded, coalescing queue per browser. Subpackages: {@code auth} (users, password
 * hashes, sessions), {@code push} (per-client queues and the event stream), {@code live} (the one
 * place telemetry comes in), {@code command} (signing on the server, arm-confirm-execute, the
 * audit log), {@code jobs} (jobs and verified results), {@code web} (the HTTP routes).
 */
package io.sunsync.ground.console;
