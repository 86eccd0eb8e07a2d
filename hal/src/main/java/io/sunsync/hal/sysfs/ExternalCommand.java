package io.sunsync.hal.sysfs;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool such as {@code nvidia-smi} as a child process with a time limit. Output goes to
 * temporary files rather than pipes, so a hung tool (or a grandchild holding its output open)
 * can never block the caller; on timeout the process and its descendants are killed. Never
 * throws: every failure is an {@link Outcome}. Stateless and thread safe.
 */
public final class ExternalCommand {
    private static final int MAX_OUTPUT_BYTES = 1 << 20;

    private ExternalCommand() {
    }

    /**
     * What running the tool gave.
     *
     * @param exitCode    the exit status (-1 when it did not exit by itself)
     * @param stdout      standard output (at most 1 MiB)
     * @param stderr      standard error (at most 1 MiB)
     * @param timedOut    true when it ran past the limit and was killed
     * @param launchError why it could not be started or waited for, or {@code null}
     * @param elapsed     how long it ran
     */
    public record Outcome(int exitCode, String stdout, String stderr, boolean timedOut, String launchError,
                          Duration elapsed) {
        /** True when it ran, exited 0 and was not killed. */
        public boolean ok() {
            return !timedOut && launchError == null && exitCode == 0;
        }

        /** The first non-blank line of stdout or stderr (what the tool said), or {@code ""}. */
        public String firstLine() {
            String all = (stdout == null ? "" : stdout) + "\n" + (stderr == null ? "" : stderr);
            return all.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
        }

        /** Everything the tool printed, stdout then stderr. */
        public String text() {
            return (stdout == null ? "" : stdout) + (stderr == null || stderr.isEmpty() ? "" : "\n" + stderr);
        }
    }

    /**
     * Runs {@code argv} and waits at most {@code timeout}.
     *
     * @param argv    the program and its arguments (no shell)
     * @param timeout the limit; the process tree is killed when it is reached
     */
    public static Outcome run(List<String> argv, Duration timeout) {
        long start = System.nanoTime();
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("sunsync-cmd", ".out");
            err = Files.createTempFile("sunsync-cmd", ".err");
            ProcessBuilder pb = new ProcessBuilder(argv)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            try {
                process = pb.start();
            } catch (IOException e) {
                return new Outcome(-1, "", "", false, "cannot run '" + argv.get(0) + "': " + e.getMessage(),
                        Duration.ofNanos(System.nanoTime() - start));
            }
            boolean exited = process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!exited) {
                kill(process);
                return new Outcome(-1, read(out), read(err), true, null, Duration.ofNanos(System.nanoTime() - start));
            }
            return new Outcome(process.exitValue(), read(out), read(err), false, null,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                kill(process);
            }
            return new Outcome(-1, "", "", false, "interrupted while waiting for '" + argv.get(0) + "'",
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | RuntimeException e) {
            if (process != null) {
                kill(process);
            }
            return new Outcome(-1, "", "", false, "cannot run '" + (argv.isEmpty() ? "" : argv.get(0)) + "': " + e,
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static void kill(Process process) {
        try {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // best effort: the process may already be gone
        }
    }

    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_OUTPUT_BYTES), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException | RuntimeException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
