package io.sunsync.sim.truth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The truth record as a JSON-lines file: a {@code header} line (scenario and settings), a
 * {@code sample} line per sample period (the {@link TruthSample} fields plus the running
 * totals {@code workUnits}, {@code energy} and {@code violationCounts}), and when the model is
 * closed an optional {@code oracle} line (the oracle's bound for the time run, the work done and
 * their ratio) and a {@code final} line with the whole {@link Truth} less its samples. Lines are
 * flushed as written, so a reader can follow the file while the run goes on. Used on the
 * model's thread.
 */
public final class TruthLog implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Path file;
    private final BufferedWriter out;
    private boolean closed;

    /** Creates (or truncates) {@code file}, making its folder if needed. */
    public TruthLog(Path file) {
        this.file = file;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            this.out = Files.newBufferedWriter(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write truth log " + file, e);
        }
    }

    /** The file written. */
    public Path file() {
        return file;
    }

    /** The mapper used (JSON, ISO-8601 instants). */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /** Writes the header line. */
    public void header(Object scenario) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "header");
        n.set("scenario", JSON.valueToTree(scenario));
        line(n);
    }

    /** Writes a sample line with the running totals. */
    public void sample(TruthSample s, Truth totals) {
        ObjectNode n = JSON.valueToTree(s);
        n.put("type", "sample");
        n.set("energy", JSON.valueToTree(totals.energy()));
        n.set("violationCounts", JSON.valueToTree(totals.violationCounts()));
        n.put("totalWorkUnits", totals.workUnits());
        line(n);
    }

    /** Writes an {@code oracle} line: the bound for the run and the ratio of {@code workUnits} to it. */
    public void oracle(Object oracleResult, double workUnits) {
        ObjectNode n = JSON.valueToTree(oracleResult);
        n.put("type", "oracle");
        double bound = n.path("workUnits").asDouble();
        n.put("controllerWorkUnits", workUnits);
        n.put("ratio", bound > 0 ? workUnits / bound : Double.NaN);
        line(n);
    }

    /** Writes the final line and closes the file (once). */
    public synchronized void finish(Truth truth) {
        if (closed) {
            return;
        }
        ObjectNode n = JSON.valueToTree(truth);
        n.remove("samples");
        n.put("type", "final");
        line(n);
        close();
    }

    private synchronized void line(ObjectNode n) {
        if (closed) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(n));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write truth log " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close truth log " + file, e);
        }
    }
}
