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
 * The state is persisted durably by {@link #accept(long)}, which the dispatcher calls only after
 * the MAC has verified and before the command acts.
 *
 * <p>An fsync costs milliseconds, so the window persists a <em>reservation</em> rather than each
 * number: when a number above the reserved ceiling is accepted, the ceiling moves to that number
 * plus {@code reserve} and is written (fsync + atomic rename) before the command acts; numbers up
 * to the ceiling then need no write. After a restart every number up to the persisted ceiling
 * counts as used, so no command can be replayed across a reboot; the price is that the ground
 * skips up to {@code reserve} numbers after one (housekeeping's {@code lastSeq} says where to go
 * on). With {@code reserve} 0 every accepted number is written, and the window is exact across
 * restarts.
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

    private record State(@JsonProperty("last") long last, @JsonProperty("bitmap") long bitmap,
                         @JsonProperty("reservedUpTo") long reservedUpTo) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DurableFile file;
    private final int size;
    private final long reserve;
    private long reservedUpTo;
    private long writes;
    private long last;
    private long bitmap; // bit i set: seq (last - i) seen

    /** An exact window: every accepted number is written before its command acts. */
    public ReplayWindow(Path file, int size) throws IOException {
        this(file, size, 0);
    }

    /**
     * Loads the persisted window from {@code file} (a fresh window when absent).
     *
     * @param size    window size, 1..64
     * @param reserve sequence numbers reserved per write, &ge; 0 (see the class comment)
     */
    public ReplayWindow(Path file, int size, long reserve) throws IOException {
        if (reserve < 0) {
            throw new IllegalArgumentException("reserve must be >= 0, was " + reserve);
        }
        this.reserve = reserve;
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
            reservedUpTo = Math.max(s.reservedUpTo(), s.last());
            if (reservedUpTo > last) {
                // Numbers up to the reservation may have been used before the restart: all count as used.
                last = reservedUpTo;
                bitmap = -1L;
            }
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
        if (seq > reservedUpTo || reserve == 0) {
            long newReserved = Math.max(reservedUpTo, seq + reserve);
            file.write(JSON.writeValueAsBytes(new State(newLast, newBitmap, newReserved)));
            reservedUpTo = newReserved;
            writes++;
        }
        last = newLast;
        bitmap = newBitmap;
    }

    /** The largest sequence number accepted so far (0 before the first). */
    public synchronized long last() {
        return last;
    }

    /** Every number up to this one counts as used after a restart. */
    public synchronized long reservedUpTo() {
        return reservedUpTo;
    }

    /** Durable writes made since load. */
    public synchronized long writes() {
        return writes;
    }

    /** The window size. */
    public int size() {
        return size;
    }
}
