/**
 * Finished jobs' results on board: moved into the {@link io.sunsync.flight.jobs.results.ResultStore}
 * complete or not at all, checksummed (SHA-256 per file in a
 * {@link io.sunsync.flight.jobs.results.ResultManifest}), kept until the ground acknowledges them.
 */
package io.sunsync.flight.jobs.results;
