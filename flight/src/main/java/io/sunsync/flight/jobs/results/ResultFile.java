package io.sunsync.flight.jobs.results;

/**
 * One file of a finished job's result.
 *
 * @param path       path relative to the result's root, {@code /}-separated
 * @param sizeBytes  size in bytes
 * @param sha256     SHA-256 of the content, lower-case hex
 */
public record ResultFile(String path, long sizeBytes, String sha256) {
}
