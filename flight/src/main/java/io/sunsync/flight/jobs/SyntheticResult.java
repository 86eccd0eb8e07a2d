package io.sunsync.flight.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.files.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The result a synthetic job leaves in its result folder (docs/jobs.md): {@code result.json}
 * ({@code jobId}, {@code owner}, {@code workUnits}, {@code digest}), and, when the job declares
 * work items ({@code check.items}), one file {@code items/<i>} per item holding its output in hex.
 * Each output is computed by the board's synthetic kernel
 * ({@link AcceleratorBoard#runSyntheticKernel}), so a board's silent data corruption reaches the
 * result; where the backend has no kernel the runner computes it. Item {@code i} is computed by
 * board {@code i mod k} of the job's {@code k} boards; a check run computes only its items, on its
 * one board, and writes no {@code result.json}. Without items the digest is the whole job's work,
 * computed on its first board. Stateless.
 */
final class SyntheticResult {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What {@code result.json} holds, in this order; {@code workUnits} in work units, {@code digest} in hex. */
    private record Manifest(String jobId, String owner, double workUnits, String digest) {
    }

    private SyntheticResult() {
    }

    /**
     * Writes the result of {@code rec} (its work done on {@code boards}) into {@code dir}.
     *
     * @throws IOException when it cannot be written (the runner retries)
     */
    static void write(Path dir, JobRecord rec, List<AcceleratorBoard> boards) throws IOException {
        JobSpec s = rec.spec();
        Integer n = s.items();
        if (n != null) {
            List<Integer> items = rec.checkRun() != null ? rec.checkRun().items()
                    : IntStream.range(0, n).boxed().toList();
            double perItem = s.check() == null || rec.checkRun() == null ? s.expectedWorkUnits() / n
                    : s.expectedWorkUnits() / items.size();
            Path itemsDir = dir.resolve("items");
            Files.createDirectories(itemsDir);
            for (int i : items) {
                AcceleratorBoard b = boards.get(rec.checkRun() != null ? 0 : i % boards.size());
                String out = HexFormat.of().formatHex(kernel(b, s.id() + ":" + s.owner() + ":item:" + i, perItem));
                Files.writeString(itemsDir.resolve(Integer.toString(i)), out + "\n", StandardCharsets.UTF_8);
            }
        }
        if (rec.checkRun() != null) {
            return;
        }
        String input = s.id() + ":" + s.owner() + ":" + s.expectedWorkUnits();
        // With items the items carry the job's work (and its exposure to corruption); the digest is
        // then the runner's own, as it was before boards had a kernel.
        byte[] digest = n != null || boards.isEmpty() ? Sha256.digest(input.getBytes(StandardCharsets.UTF_8))
                : kernel(boards.get(0), input, s.expectedWorkUnits());
        String body = JSON.writeValueAsString(new Manifest(s.id(), s.owner(), s.expectedWorkUnits(),
                HexFormat.of().formatHex(digest))) + "\n";
        Files.writeString(dir.resolve("result.json"), body, StandardCharsets.UTF_8);
    }

    private static byte[] kernel(AcceleratorBoard board, String input, double workUnits) {
        byte[] in = input.getBytes(StandardCharsets.UTF_8);
        return board.runSyntheticKernel(in, workUnits).orElseGet(() -> Sha256.digest(in));
    }
}
