/**
 * Scenarios: the satellite, its environment, scripted and random faults and the run, as
 * validated records read from YAML or JSON files ({@link io.sunsync.sim.scenario.Scenario}).
 * The files live in {@code sim-harness/scenarios/}. Immutable and thread safe.
 */
package io.sunsync.sim.scenario;
