package io.sunsync.flight.link.results;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;

/**
 * Where the results downlink finds finished results: the port the job runner's results store
 * satisfies (through an adapter in the composition root). Implementations must be thread safe;
 * the downlink calls them from its own thread.
 */
public interface ResultSource {

    /** No results at all (until the job runner's store is wired in). */
    ResultSource NONE = new ResultSource() {
        @Override
        public List<FinishedResult> awaitingDownlink() {
            return List.of();
        }

        @Override
        public SeekableByteChannel open(String jobId, String fileName) throws IOException {
            throw new java.nio.file.NoSuchFileException(jobId + "/" + fileName);
        }

        @Override
        public void acknowledge(String jobId) {
        }
    };

    /** Finished results the ground has not acknowledged yet, oldest first. */
    List<FinishedResult> awaitingDownlink();

    /**
     * Opens one file of a finished result for reading.
     *
     * @throws IOException if it is gone or unreadable
     */
    SeekableByteChannel open(String jobId, String fileName) throws IOException;

    /** The ground confirmed it has the whole result: the store may release it. */
    void acknowledge(String jobId);
}
