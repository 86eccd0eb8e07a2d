/**
 * {@code sunsync constellation}: several flight instances (each its own process, started by the
 * flight launcher on the sim backend) against one embedded broker, the ground's fleet view over
 * them, and a report of message rates and each satellite's resource use (docs/mission-run.md).
 */
package io.sunsync.ground.constellation;
