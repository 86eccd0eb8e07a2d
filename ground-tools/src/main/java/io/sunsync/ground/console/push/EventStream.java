package io.sunsync.ground.console.push;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.BooleanSupplier;

/**
 * Writes one feed to one browser as server-sent events, on the request's own thread: each
 * message is one batch {@code {"serverMs", "dropped", "delivered", "items": [...]}} of everything
 * that was waiting, with the id {@code FEED-DATA_DELIVERED} (a browser that reconnects by itself
 * sends it back, and its missed updates carry over); a comment every {@code keepAliveMs} when
 * nothing is. A write to a browser
 * that stopped reading blocks this thread only; meanwhile its feed coalesces. The stream ends
 * when the feed is closed, the session ends (an {@code event: session} message tells the page),
 * or the browser goes away.
 *
 * <p>Not thread safe: one request thread runs it.
 */
public final class EventStream {
    private final ClientFeed feed;
    private final OutputStream out;
    private final Clock clock;
    private final BooleanSupplier sessionLive;
    private final long keepAliveMs;
    private final long minIntervalMs;

    /**
     * @param sessionLive   false once the viewer's session has ended
     * @param keepAliveMs   a comment goes out after this long without a message
     * @param minIntervalMs at least this long between two messages: what comes meanwhile goes in the next
     *                      batch (fewer, larger messages for a busy fleet; states coalesce meanwhile)
     */
    public EventStream(ClientFeed feed, OutputStream out, Clock clock, BooleanSupplier sessionLive, long keepAliveMs,
                       long minIntervalMs) {
        this.feed = feed;
        this.out = out;
        this.clock = clock;
        this.sessionLive = sessionLive;
        this.keepAliveMs = keepAliveMs;
        this.minIntervalMs = minIntervalMs;
    }

    /** Streams until the feed closes, the session ends or the browser goes away. */
    public void run() throws InterruptedException {
        try {
            write("retry: 2000\n\n");
            long lastNanos = 0;
            while (true) {
                long sinceMs = (System.nanoTime() - lastNanos) / 1_000_000;
                if (sinceMs < minIntervalMs) {
                    Thread.sleep(minIntervalMs - sinceMs); // pacing: what comes meanwhile joins the next batch
                }
                ClientFeed.Batch b = feed.take(keepAliveMs);
                lastNanos = System.nanoTime();
                if (b.closed()) {
                    return;
                }
                if (!sessionLive.getAsBoolean()) {
                    write("event: session\ndata: {\"ended\":true}\n\n");
                    return;
                }
                if (b.items().isEmpty()) {
                    write(": " + clock.millis() + "\n\n");
                    continue;
                }
                StringBuilder sb = new StringBuilder(64 + b.items().size() * 200);
                sb.append("id: ").append(feed.id()).append('-').append(b.deliveredData()).append('\n');
                sb.append("data: {\"serverMs\":").append(clock.millis()).append(",\"dropped\":").append(b.dropped())
                        .append(",\"delivered\":").append(b.delivered()).append(",\"items\":[");
                for (int i = 0; i < b.items().size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(b.items().get(i).json());
                }
                sb.append("]}\n\n");
                write(sb.toString());
            }
        } catch (IOException gone) {
            // the browser went away (or stalled past the server's idle timeout); it reconnects by itself
        }
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
