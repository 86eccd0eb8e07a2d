package io.sunsync.ground.console;

import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.ingest.IngestLoop;
import io.sunsync.ground.ingest.IngestSettings;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.store.ArchiveWriter;
import java.time.Clock;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For a station that runs the console alone ({@code console --db URL --record}): records every
 * satellite's housekeeping, events, presence, command reports and dictionary into the archive
 * exactly as {@code archive record --db} does ({@link IngestLoop}: judged against the ICD, batched,
 * acknowledged to the broker only once stored, on a persistent session), so the console's history
 * charts have something to read. It feeds the archive only; what the pages show comes through the
 * console's own ingest. Connects again by itself after a broker outage.
 *
 * <p>Threading: one thread of its own.
 */
final class ArchiveRecording implements AutoCloseable {
    static final List<String> FILTERS = List.of("sunsync/+/tm/hk", "sunsync/+/evt", "sunsync/+/birth",
            "sunsync/+/tc/ack/#", "sunsync/+/dict");
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRecording.class);

    private final ConnectSettings settings;
    private final ArchiveWriter writer;
    private final FrameCheck.Verifier verifier;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean stop;
    private volatile IngestLoop loop;

    /**
     * @param settings a persistent session with manual acks (fixed client id)
     * @param verifier each frame's origin check (telemetry authentication), or null for none
     */
    ArchiveRecording(ConnectSettings settings, ArchiveWriter writer, FrameCheck.Verifier verifier, Clock clock) {
        this.settings = settings;
        this.writer = writer;
        this.verifier = verifier;
        this.clock = clock;
        this.thread = new Thread(this::run, "console-archive");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long backoffMs = 500;
        while (!stop) {
            try (GroundConnection conn = new GroundConnection(settings)) {
                conn.subscribe(FILTERS);
                backoffMs = 500;
                IngestLoop l = new IngestLoop(conn, new FrameCheck(verifier), writer, null, clock, IngestSettings.defaults());
                loop = l;
                l.run(() -> stop || !conn.isConnected(), null);
            } catch (MqttException e) {
                LOG.debug("archive recording: broker unreachable ({}); trying again", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("archive recording stopped a batch: {}", e.toString());
            }
            if (!stop) {
                try {
                    Thread.sleep(backoffMs); // the broker is away: wait before connecting again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 10_000);
            }
        }
    }

    /** Records stored so far by the current connection's loop. */
    long stored() {
        IngestLoop l = loop;
        return l == null ? 0 : l.stored();
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        thread.join(10_000);
    }
}
