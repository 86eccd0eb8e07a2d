/**
 * The {@code remote} backend: hal devices served by a hardware-in-the-loop server over TCP
 * (JSON lines; protocol in {@code docs/sim-harness.md}), so flight can run on a real board with
 * simulated power, thermal or accelerator hardware mixed with real devices by config. A server
 * that stops answering shows up as faults on the readings and commands, never as exceptions.
 */
package io.sunsync.hal.remote;
