package io.sunsync.flight.link.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's record of drops made while its disk is full: a small file whose blocks are
 * written (zeros) when the outbox opens, so that recording a drop later overwrites blocks
 * already allocated and needs no free space. Without it, a flight killed while the disk is full
 * would take the count of what it dropped with it, and reuse those sequence numbers.
 *
 * <p>Two slots, written alternately, each {@code [length:int][generation:long][crc32:int][json]};
 * the JSON maps each stream to {@code [dropped, nextSeq]}, absolute totals (both only grow), so
 * recovery takes, per stream, the larger of these and the state file's.
 *
 * <p>Threading: not thread safe; the outbox calls it under its lock.
 */
final class DropLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DropLedger.class);
    static final String FILE = "drops.ledger";
    private static final int SLOT_BYTES = 4096;
    private static final int HEADER_BYTES = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private FileChannel channel;
    private long generation;
    private boolean failing;

    DropLedger(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /** Totals for one stream. */
    record Totals(long dropped, long nextSeq) {
    }

    /**
     * Reads the newest valid slot (empty when there is none), remembering its generation.
     */
    Map<String, Totals> read() {
        Map<String, Totals> out = new LinkedHashMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return out;
        } catch (IOException e) {
            LOG.warn("outbox: drop ledger {} unreadable: {}", file, e.getMessage());
            return out;
        }
        long best = -1;
        JsonNode bestJson = null;
        for (int slot = 0; slot < 2 && (slot + 1) * SLOT_BYTES <= bytes.length; slot++) {
            ByteBuffer b = ByteBuffer.wrap(bytes, slot * SLOT_BYTES, SLOT_BYTES);
            int length = b.getInt();
            long gen = b.getLong();
            int crc = b.getInt();
            if (length <= 0 || length > SLOT_BYTES - HEADER_BYTES) {
                continue;
            }
            CRC32 c = new CRC32();
            c.update(bytes, slot * SLOT_BYTES + HEADER_BYTES, length);
            if ((int) c.getValue() != crc || gen <= best) {
                continue;
            }
            try {
                bestJson = JSON.readTree(bytes, slot * SLOT_BYTES + HEADER_BYTES, length);
                best = gen;
            } catch (IOException e) {
                // a torn slot: the other one holds the previous totals
            }
        }
        if (bestJson != null) {
            generation = best;
            bestJson.fields().forEachRemaining(f -> out.put(f.getKey(),
                    new Totals(f.getValue().path(0).asLong(), f.getValue().path(1).asLong())));
        }
        return out;
    }

    /**
     * Makes sure the file exists with both slots allocated (writes zeros once). Called while the
     * disk has room (at open, after each good state save); a failure is retried next time.
     */
    void allocate() {
        if (channel != null) {
            return;
        }
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                if (ch.size() < 2L * SLOT_BYTES) {
                    ByteBuffer zeros = ByteBuffer.allocate(2 * SLOT_BYTES - (int) ch.size());
                    long at = ch.size();
                    while (zeros.hasRemaining()) {
                        at += ch.write(zeros, at);
                    }
                    ch.force(true);
                }
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            channel = ch;
        } catch (IOException e) {
            LOG.debug("outbox: drop ledger not allocated yet: {}", e.getMessage());
        }
    }

    /** Whether the ledger's space is allocated (a drop can be recorded on a full disk). */
    boolean allocated() {
        return channel != null;
    }

    /**
     * Records the current totals durably (overwrites a slot, fdatasync). Never throws: a failure
     * is logged once per episode (the drop is then known only in memory).
     */
    void record(Map<String, Totals> totals) {
        if (channel == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        totals.forEach((k, t) -> root.putArray(k).add(t.dropped()).add(t.nextSeq()));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (json.length > SLOT_BYTES - HEADER_BYTES) {
            LOG.warn("outbox: drop ledger entry of {} bytes does not fit a slot; not recorded", json.length);
            return;
        }
        long gen = generation + 1;
        CRC32 c = new CRC32();
        c.update(json);
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES + json.length);
        b.putInt(json.length).putLong(gen).putInt((int) c.getValue()).put(json).flip();
        try {
            long at = (gen % 2) * SLOT_BYTES;
            while (b.hasRemaining()) {
                at += channel.write(b, at);
            }
            channel.force(false);
            generation = gen;
            if (failing) {
                failing = false;
                LOG.info("outbox: drop ledger written again");
            }
        } catch (IOException e) {
            if (!failing) {
                failing = true;
                LOG.error("outbox: cannot record drops in {}: {}", file, e.getMessage());
            }
        }
    }

    /** Closes the file. */
    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            channel = null;
        }
    }
}
