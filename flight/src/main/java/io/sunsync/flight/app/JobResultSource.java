package io.sunsync.flight.app;

import io.sunsync.flight.jobs.ControlResult;
import io.sunsync.flight.jobs.JobService;
import io.sunsync.flight.jobs.ResultBundle;
import io.sunsync.flight.jobs.ResultSummary;
import io.sunsync.flight.link.results.FinishedResult;
import io.sunsync.flight.link.results.ResultSource;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job runner's results store as the results downlink's {@link ResultSource}: pending results
 * are opened once (the store verifies every file then) and remembered until acknowledged.
 * Thread safe.
 */
final class JobResultSource implements ResultSource {
    private static final Logger LOG = LoggerFactory.getLogger(JobResultSource.class);
    private final JobService jobs;
    private final Map<String, ResultBundle> opened = new ConcurrentHashMap<>();

    JobResultSource(JobService jobs) {
        this.jobs = jobs;
    }

    @Override
    public List<FinishedResult> awaitingDownlink() {
        List<FinishedResult> out = new ArrayList<>();
        List<ResultSummary> pending = jobs.pendingResults();
        opened.keySet().retainAll(pending.stream().map(ResultSummary::jobId).toList());
        for (ResultSummary s : pending) {
            ResultBundle b = opened.get(s.jobId());
            if (b == null) {
                Optional<ResultBundle> o = jobs.openResult(s.jobId());
                if (o.isEmpty()) {
                    continue; // failed verification: the store holds it back and reports it
                }
                b = o.get();
                opened.put(s.jobId(), b);
            }
            List<FinishedResult.ResultFile> files = b.files().stream()
                    .map(f -> new FinishedResult.ResultFile(f.path(), f.sizeBytes(), f.sha256())).toList();
            out.add(new FinishedResult(s.jobId(), s.finishedAt(), files));
        }
        return out;
    }

    @Override
    public SeekableByteChannel open(String jobId, String fileName) throws IOException {
        ResultBundle b = opened.get(jobId);
        if (b == null) {
            throw new NoSuchFileException(jobId + "/" + fileName, null, "no pending result");
        }
        for (io.sunsync.flight.jobs.results.ResultFile f : b.files()) {
            if (f.path().equals(fileName)) {
                return Files.newByteChannel(b.pathOf(f), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            }
        }
        throw new NoSuchFileException(jobId + "/" + fileName, null, "not part of the result");
    }

    @Override
    public void acknowledge(String jobId) {
        ControlResult r = jobs.ackResult(jobId);
        if (!r.ok()) {
            LOG.warn("results: the store refused the acknowledgement of {}: {} {}", jobId, r.error(), r.message());
        }
        opened.remove(jobId);
    }
}
