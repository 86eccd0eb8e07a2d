/**
 * The flight application. Packages by feature: {@code app} (launcher, config, composition
 * root), {@code sched} (rate groups on the injected time source), {@code hk} (housekeeping
 * telemetry), {@code link} (MQTT 5 link to the ground). Flight talks to hardware only through
 * the hal interfaces and never imports a backend.
 */
package io.sunsync.flight;
