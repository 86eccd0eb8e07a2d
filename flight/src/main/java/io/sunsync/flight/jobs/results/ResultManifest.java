package io.sunsync.flight.jobs.results;

import java.util.List;

/**
 * The checksummed contents of a finished job's result, written as {@code manifest.json} beside
 * the files and copied into the journal.
 *
 * @param jobId       the job
 * @param owner       who asked for it
 * @param files       every file, sorted by path
 * @param totalBytes  sum of the file sizes, in bytes
 */
public record ResultManifest(String jobId, String owner, List<ResultFile> files, long totalBytes) {
    public ResultManifest {
        files = List.copyOf(files);
    }
}
