/**
 * Checking results for silent data corruption before they leave the satellite (a job's
 * {@link io.sunsync.flight.jobs.CheckSpec}): {@link io.sunsync.flight.jobs.check.ResultChecker}
 * runs a job's verifier on its stored result, or has sampled items computed again on another
 * board ({@link io.sunsync.flight.jobs.check.ItemSample}) and compared, a third board deciding a
 * disagreement ({@link io.sunsync.flight.jobs.check.ItemVote}); the board blamed is quarantined
 * and, after repeated blames, isolated by fault protection
 * ({@link io.sunsync.flight.jobs.check.BoardQuarantine},
 * {@link io.sunsync.flight.jobs.check.BoardIsolator}). The job runner reaches all of it through its
 * {@link io.sunsync.flight.jobs.ResultChecks} port. See docs/jobs.md.
 */
package io.sunsync.flight.jobs.check;
