package io.sunsync.ground.mission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sim's truth log as written by flight's {@code sim} backend (docs/sim-harness.md, "Truth
 * record"): the header with the scenario, one sample per sample period, and at exit the
 * oracle's bound and the final totals. A torn or unreadable line is skipped and counted.
 * Immutable once read.
 *
 * @param header  the {@code header} line (its {@code scenario}), or null
 * @param samples the {@code sample} lines, in order
 * @param oracle  the {@code oracle} line, or null if flight did not get to write it
 * @param last    the {@code final} line (the truth record less its samples), or null
 * @param skipped lines that were not JSON objects
 */
public record TruthLog(JsonNode header, List<JsonNode> samples, JsonNode oracle, JsonNode last, int skipped) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code file}; an absent file reads as an empty log. */
    public static TruthLog read(Path file) throws IOException {
        JsonNode header = null;
        JsonNode oracle = null;
        JsonNode last = null;
        List<JsonNode> samples = new ArrayList<>();
        int skipped = 0;
        if (!Files.exists(file)) {
            return new TruthLog(null, List.of(), null, null, 0);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    skipped++;
                    continue;
                }
                switch (n.path("type").asText("")) {
                    case "header" -> header = n;
                    case "sample" -> samples.add(n);
                    case "oracle" -> oracle = n;
                    case "final" -> last = n;
                    default -> skipped++;
                }
            }
        }
        return new TruthLog(header, List.copyOf(samples), oracle, last, skipped);
    }

    /** True once the run's totals were written (flight ended and closed the model). */
    public boolean complete() {
        return last != null;
    }
}
