package io.sunsync.ground.console.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.archive.AppendFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

/**
 * The console's audit log: one JSON line per thing an operator did that reaches a satellite or
 * the shared state (a command refused, dry-run, sent, armed, confirmed, and how it ended; an
 * alarm or result acknowledged; logins and logouts), with who, when (the ground's clock), the
 * satellite, the command, its sequence number and the SHA-256 of the exact signed payload.
 * Each line is forced to disk before the action goes on, and survives a crash whole (a torn
 * last line is cut off on opening). Never holds a key or a password.
 *
 * <p>Thread safe.
 */
public final class AuditLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppendFile file;
    private final Clock clock;

    /** Opens (creating if needed) the log at {@code path}. */
    public AuditLog(Path path, Clock clock) throws IOException {
        this.file = new AppendFile(path, true);
        this.clock = clock;
    }

    /** A new entry: {@code t}, {@code user}, {@code action} filled in; add fields, then {@link #write}. */
    public ObjectNode entry(String user, String action) {
        ObjectNode o = JSON.createObjectNode();
        o.put("t", clock.instant().toString());
        o.put("user", user);
        o.put("action", action);
        return o;
    }

    /** Appends {@code entry} and forces it to disk. */
    public synchronized void write(ObjectNode entry) {
        try {
            file.appendLine(entry.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("audit log " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** The log's file. */
    public Path path() {
        return file.path();
    }

    /** SHA-256 of {@code bytes}, lower-case hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
