package io.sunsync.flight.link.results;

import io.sunsync.testkit.Digests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Results as real files in a folder, one sub-folder per job: the fake results store of these tests. */
final class FolderResultSource implements ResultSource {
    private final Path root;
    private final Map<String, FinishedResult> results = new LinkedHashMap<>();
    final List<String> acknowledged = new CopyOnWriteArrayList<>();

    FolderResultSource(Path root) {
        this.root = root;
    }

    /** Writes the files of a finished job and records their SHA-256 as the job runner would. */
    synchronized FinishedResult add(String job, Map<String, byte[]> files) {
        try {
            Path dir = Files.createDirectories(root.resolve(job));
            List<FinishedResult.ResultFile> list = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
                list.add(new FinishedResult.ResultFile(f.getKey(), f.getValue().length,
                        Digests.sha256Hex(f.getValue())));
            }
            FinishedResult r = new FinishedResult(job, Instant.parse("2027-06-21T01:00:00Z"), list);
            results.put(job, r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Records a result whose stored hash does not match its file (on-board corruption). */
    synchronized void addWithWrongHash(String job, String file, byte[] content) {
        add(job, Map.of(file, content));
        FinishedResult.ResultFile rf = new FinishedResult.ResultFile(file, content.length, "00".repeat(32));
        results.put(job, new FinishedResult(job, Instant.parse("2027-06-21T01:00:00Z"), List.of(rf)));
    }

    @Override
    public synchronized List<FinishedResult> awaitingDownlink() {
        return List.copyOf(results.values());
    }

    @Override
    public SeekableByteChannel open(String jobId, String fileName) throws IOException {
        return Files.newByteChannel(root.resolve(jobId).resolve(fileName));
    }

    @Override
    public synchronized void acknowledge(String jobId) {
        results.remove(jobId);
        acknowledged.add(jobId);
    }
}
