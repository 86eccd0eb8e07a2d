package io.sunsync.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a Java main as a separate JVM ({@code -Xmx256m}) on the class path of this one, so a test
 * or a benchmark can kill it for real. A child still running when this JVM exits (a test that
 * failed before stopping it) is killed then, so no child outlives the build. Thread safe.
 */
public final class ChildJvm {
    private static final List<Process> STARTED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (STARTED) {
                STARTED.forEach(Process::destroyForcibly);
            }
        }, "child-jvm-reaper"));
    }

    private ChildJvm() {
    }

    /** Starts {@code main args} in a new JVM, its output (stdout and stderr) appended to {@code log}. */
    public static Process start(Path log, Class<?> main, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", cp, main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        synchronized (STARTED) {
            STARTED.removeIf(c -> !c.isAlive());
            STARTED.add(p);
        }
        return p;
    }
}
