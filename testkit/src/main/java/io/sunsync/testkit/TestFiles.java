package io.sunsync.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Files for tests, benchmarks and the servers testkit starts: the one {@link #deleteTree} they
 * share. Stateless; safe from any thread.
 */
public final class TestFiles {
    private TestFiles() {
    }

    /**
     * Deletes {@code root} and everything under it, without following links, as far as it can:
     * missing is fine, and what cannot be deleted is left (a temporary folder left behind is
     * harmless to a test).
     */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp folder left behind is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
