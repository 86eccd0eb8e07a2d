package io.sunsync.flight.jobs.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends POSIX signals by name through the system's {@code kill} program (procps), which takes
 * signal names, so no signal numbers are hard-coded; a negative target is a process group.
 * Stateless and thread safe.
 */
public final class ProcessSignals {
    private static final String KILL = findKill();
    private static final java.util.Map<String, Integer> NUMBERS = new java.util.concurrent.ConcurrentHashMap<>();

    private ProcessSignals() {
    }

    private static String findKill() {
        for (String p : List.of("/bin/kill", "/usr/bin/kill")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "kill";
    }

    /**
     * Sends {@code signal} (a name such as {@code STOP}, {@code CONT}, {@code USR1}, {@code TERM},
     * {@code KILL}) to process {@code pid}.
     *
     * @return true when {@code kill} reported success
     */
    public static boolean toProcess(long pid, String signal) {
        return send(signal, Long.toString(pid));
    }

    /**
     * The number of signal {@code name} on this system ({@code kill -l NAME}), e.g. 10 for
     * {@code USR1} on x86-64 and arm64 Linux; -1 when unknown.
     */
    public static int number(String name) {
        return NUMBERS.computeIfAbsent(name, n -> {
            try {
                Process p = new ProcessBuilder(KILL, "-l", n).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
                return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 ? Integer.parseInt(out) : -1;
            } catch (IOException | NumberFormatException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        });
    }

    /** Sends {@code signal} to every process of the group {@code pgid}; true on success. */
    public static boolean toGroup(long pgid, String signal) {
        return send(signal, "-" + pgid);
    }

    private static boolean send(String signal, String target) {
        try {
            Process p = new ProcessBuilder(KILL, "-s", signal, "--", target)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
