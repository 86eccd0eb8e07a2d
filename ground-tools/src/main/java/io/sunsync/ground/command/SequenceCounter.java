package io.sunsync.ground.command;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The telecommand sequence numbers a ground station has used, one file per satellite
 * ({@code STATE/tc-seq/SAT}), so every command carries a number above the last one (the
 * satellite's anti-replay window refuses anything else). Taking a number holds an OS file lock,
 * so several ground processes on one station never hand out the same number; the new value is
 * on disk (fsync, atomic rename) before the number is used.
 *
 * <p>Thread safe across processes for one folder.
 */
public final class SequenceCounter {
    private final Path dir;

    /** @param stateDir the station's state folder (e.g. {@code ~/.local/state/sunsync}) */
    public SequenceCounter(Path stateDir) {
        this.dir = stateDir.resolve("tc-seq");
    }

    /** The default state folder: {@code $XDG_STATE_HOME/sunsync}, else {@code ~/.local/state/sunsync}. */
    public static Path defaultStateDir(Map<String, String> environ, Path home) {
        String xdg = environ.get("XDG_STATE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("state")).resolve("sunsync");
    }

    /** The number {@link #next} would hand out now, without taking it (for dry runs). */
    public long peek(String sat, long atLeast) throws RefusedException {
        Path file = dir.resolve(sat);
        long last = 0;
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
                last = text.matches("\\d{1,18}") ? Long.parseLong(text) : 0;
            }
        } catch (IOException e) {
            throw new RefusedException(Refusal.SEQUENCE_STORE, "sequence number store " + dir + ": " + e.getMessage());
        }
        return Math.max(last + 1, Math.max(1, atLeast));
    }

    /**
     * The next number for {@code sat}: above the last one this station used and at least
     * {@code atLeast} (e.g. the satellite's {@code commanding.lastSeq} + 1).
     *
     * @throws RefusedException {@link Refusal#SEQUENCE_STORE} if the store cannot be used
     */
    public long next(String sat, long atLeast) throws RefusedException {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(sat);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(sat + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
                long last = 0;
                if (Files.exists(file)) {
                    String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
                    if (!text.matches("\\d{1,18}")) {
                        throw new RefusedException(Refusal.SEQUENCE_STORE, file + " does not hold a sequence number ('"
                                + text + "'); fix or delete it (the satellite's commanding.lastSeq tells where to go on)");
                    }
                    last = Long.parseLong(text);
                }
                long next = Math.max(last + 1, Math.max(1, atLeast));
                Path tmp = dir.resolve(sat + ".tmp");
                Files.writeString(tmp, Long.toString(next) + "\n", StandardCharsets.US_ASCII);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                return next;
            }
        } catch (IOException e) {
            throw new RefusedException(Refusal.SEQUENCE_STORE, "sequence number store " + dir + ": " + e.getMessage());
        }
    }
}
