package io.sunsync.flight.store.log;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Formats and files for the log's tests: one of each shape the package supports. */
final class LogFormats {
    /** No file header, the CRC over the payload only, any payload up to 1 MiB (the journal's shape). */
    static final LogFormat PLAIN = LogFormat.headerless("plain test log", 0x54535431, LogFormat.CrcScope.PAYLOAD, 0,
            1 << 20);
    /** A 16-byte header of which 8 are magic, the CRC over length and payload, payloads of 4.. bytes (the outbox's shape). */
    static final LogFormat HEADED = new LogFormat("headed test log", header(), 8, 0x54535432,
            LogFormat.CrcScope.LENGTH_AND_PAYLOAD, 4, 1 << 20);
    static final List<LogFormat> BOTH = List.of(PLAIN, HEADED);

    private LogFormats() {
    }

    private static byte[] header() {
        byte[] h = new byte[16];
        System.arraycopy("TESTLOG1".getBytes(StandardCharsets.US_ASCII), 0, h, 0, 8);
        h[11] = 1; // a version the log does not check
        return h;
    }

    /** A whole file: the format's header, then one frame per payload. */
    static byte[] file(LogFormat format, List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(format.fileHeader());
        for (byte[] p : payloads) {
            out.writeBytes(format.encode(p));
        }
        return out.toByteArray();
    }

    /** Where each payload's frame starts in {@link #file}, plus the file's length at the end. */
    static long[] offsets(LogFormat format, List<byte[]> payloads) {
        long[] at = new long[payloads.size() + 1];
        at[0] = format.fileHeaderBytes();
        for (int i = 0; i < payloads.size(); i++) {
            at[i + 1] = at[i] + format.frameBytes(payloads.get(i).length);
        }
        return at;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
