/**
 * Scenarios: the satellite, its environment, scripted and random faults and the run, as
 * validated records read from YAML or JSON files ({@link io.sunsync.sim.scenario.Scenario}, with its
 * larger sections {@link io.sunsync.sim.scenario.Orbit}, {@link io.sunsync.sim.scenario.Boards},
 * {@link io.sunsync.sim.scenario.Sensors}, {@link io.sunsync.sim.scenario.Actuation} and
 * {@link io.sunsync.sim.scenario.Economy} as records of their own).
 * The files live in {@code sim-harness/scenarios/}. Immutable and thread safe.
 */
package io.sunsync.sim.scenario;
