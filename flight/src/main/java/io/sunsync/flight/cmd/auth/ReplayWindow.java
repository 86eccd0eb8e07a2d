package io.sunsync.flight.cmd.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.cmd.store.DurableFile;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The anti-replay sequence window, as CCSDS SDLS's anti-replay sequence number: a command's
 * {@code seq} is fresh when it is larger than the largest accepted so far, or within
 * {@code size} below it and not yet seen (so commands reordered by the network still pass).
 * The state (largest, and a bitmap of the window) is persisted durably by {@link #accept(long)},
 * which the dispatcher calls only after the MAC has verified and before the command acts.
 *
 * <p>Thread safe.
 */
public final class ReplayWindow {
    /** The largest window the 64-bit bitmap can hold. */
    public static final int MAX_SIZE = 64;

    /** What {@link #check(long)} found. */
    public enum Verdict {
        /** Never seen and inside the window (or above it): acceptable. */
        FRESH,
        /** Already used. */
        SEEN,
        /** Older than the window: cannot tell whether it was used, so refused. */
        TOO_OLD
    }

    private record State(@JsonProperty("last") long last, @JsonProperty("bitmap") long bitmap) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableFile file;
    private final int size;
    private long last;
    private long bitmap; // bit i set: seq (last - i) seen

    /**
     * Loads the persisted window from {@code file} (a fresh window when absent).
     *
     * @param size window size, 1..64
     */
    public ReplayWindow(Path file, int size) throws IOException {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("replay window must be 1.." + MAX_SIZE + ", was " + size);
        }
        this.file = new DurableFile(file);
        this.size = size;
        var saved = this.file.read();
        if (saved.isPresent()) {
            State s = JSON.readValue(saved.get(), State.class);
            last = s.last();
            bitmap = s.bitmap();
        }
    }

    /** Classifies {@code seq} without changing anything. */
    public synchronized Verdict check(long seq) {
        if (seq > last) {
            return Verdict.FRESH;
        }
        long age = last - seq;
        if (age >= size || seq < 1) {
            return Verdict.TOO_OLD;
        }
        return (bitmap & (1L << age)) != 0 ? Verdict.SEEN : Verdict.FRESH;
    }

    /**
     * Marks {@code seq} used and persists the window before returning.
     *
     * @throws IllegalStateException if {@code seq} is not {@link Verdict#FRESH}
     * @throws IOException if the state cannot be persisted (the window then stays as it was)
     */
    public synchronized void accept(long seq) throws IOException {
        if (check(seq) != Verdict.FRESH) {
            throw new IllegalStateException("seq " + seq + " is not fresh");
        }
        long newLast = last;
        long newBitmap = bitmap;
        if (seq > last) {
            long shift = seq - last;
            newBitmap = shift >= 64 ? 0 : newBitmap << shift;
            newBitmap |= 1L;
            newLast = seq;
        } else {
            newBitmap |= 1L << (last - seq);
        }
        file.write(JSON.writeValueAsBytes(new State(newLast, newBitmap)));
        last = newLast;
        bitmap = newBitmap;
    }

    /** The largest sequence number accepted so far (0 before the first). */
    public synchronized long last() {
        return last;
    }

    /** The window size. */
    public int size() {
        return size;
    }
}
