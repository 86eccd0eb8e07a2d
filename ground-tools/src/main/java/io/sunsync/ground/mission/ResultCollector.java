package io.sunsync.ground.mission;

import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.results.ResultDownload;
import io.sunsync.ground.results.ResultFile;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Downloads every finished result the satellite sends (docs/icd/downlink.md) through the
 * station's persistent results session: each chunk checked against its SHA-256 and written at
 * its offset, each file checked against its SHA-256 when complete, then the result is handed to
 * the ground script to acknowledge ({@code job.ackResult}), which releases it on board.
 *
 * <p>Threading: {@link #run()} on its own thread, which owns the connection and the downloads;
 * {@link #verified()} hands results over to one other thread.
 */
public final class ResultCollector implements Runnable, AutoCloseable {
    private final String sat;
    private final GroundConnection conn;
    private final Path dir;
    private final StreamLedger ledger;
    private final LiveView live;
    private final Map<String, ResultDownload> downloads = new HashMap<>();
    private final BlockingQueue<Verified> verified = new LinkedBlockingQueue<>();
    private final List<Verified> all = new ArrayList<>();
    private volatile long badChunks;
    private volatile long duplicateChunks;
    private final VerifiedReceiveLoop loop;

    /**
     * A result downloaded and verified.
     *
     * @param job        the job
     * @param files      its files (name, size, SHA-256, chunks)
     * @param bytes      its size, in bytes
     * @param missionAt  mission time of the satellite's latest frame when it was complete
     * @param directory  where it is
     */
    public record Verified(String job, List<ResultFile> files, long bytes, Instant missionAt, Path directory) {
    }

    private ResultCollector(String sat, GroundConnection conn, Path dir, StreamLedger ledger, LiveView live,
                            TelemetryVerifier verifier) {
        this.sat = sat;
        this.conn = conn;
        this.dir = dir;
        this.ledger = ledger;
        this.live = live;
        this.loop = new VerifiedReceiveLoop(conn, verifier, this::receive);
    }

    /** Opens the station's results session ({@code ground-results}) and subscribes. */
    public static ResultCollector open(String brokerUrl, String sat, Path dir, StreamLedger ledger, LiveView live,
                                      TelemetryVerifier verifier) throws MissionException {
        try {
            GroundConnection conn = new GroundConnection(
                    ConnectSettings.transientSession(brokerUrl, "ground-results-" + sat).persistent(7 * 86_400));
            conn.subscribe("sunsync/" + sat + "/results/+/#");
            return new ResultCollector(sat, conn, dir, ledger, live, verifier);
        } catch (Exception e) {
            throw new MissionException(MissionError.GROUND_SESSION, "the results session cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public void run() {
        loop.run();
    }

    private void receive(GroundConnection.Received r) throws Exception {
        String[] parts = r.subtopic().split("/");
        if (parts.length == 3 && parts[0].equals("results")) {
            take(parts[1], parts[2], r);
        }
        // Stored (or not ours to store) before the broker forgets it.
        conn.ack(r);
        ledger.record(r.userProperties());
    }

    private void take(String job, String kind, GroundConnection.Received r) throws Exception {
        ResultDownload d = downloads.get(job);
        if (d == null) {
            try {
                d = new ResultDownload(dir, job);
            } catch (IllegalArgumentException badName) {
                return;
            }
            downloads.put(job, d);
        }
        boolean wasComplete = d.isComplete();
        ResultDownload.Outcome o = d.accept(kind, r.json());
        switch (o) {
            case CHUNK_BAD -> badChunks++;
            case CHUNK_DUPLICATE -> duplicateChunks++;
            default -> {
            }
        }
        if (!wasComplete && d.isComplete()) {
            d.close();
            Verified v = new Verified(job, d.files(), d.files().stream().mapToLong(ResultFile::sizeBytes).sum(),
                    live.missionTime(), d.directory());
            synchronized (all) {
                all.add(v);
            }
            verified.add(v);
        }
    }

    /** Results verified and not yet handed over (the ground script acknowledges them). */
    public BlockingQueue<Verified> verified() {
        return verified;
    }

    /** Every result verified so far. */
    public List<Verified> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /**
     * Results whose download started but did not complete: job id to bytes in so far. Call it
     * once {@link #run()} has returned (the downloads belong to its thread while it runs).
     */
    public Map<String, Long> incomplete() {
        Map<String, Long> out = new java.util.TreeMap<>();
        downloads.forEach((job, d) -> {
            if (!d.isComplete()) {
                out.put(job, d.bytesIn());
            }
        });
        return out;
    }

    /** Chunks dropped for a bad checksum or shape. */
    public long badChunks() {
        return badChunks;
    }

    /** Chunks that came again. */
    public long duplicateChunks() {
        return duplicateChunks;
    }

    /** Asks {@link #run()} to return once nothing has come for a moment. */
    public void finish() {
        loop.finish();
    }

    /** What stopped {@link #run()} early, or null. */
    public Throwable failure() {
        return loop.failure();
    }

    @Override
    public void close() throws Exception {
        conn.close();
        for (ResultDownload d : downloads.values()) {
            d.save();
            d.close();
        }
    }
}
