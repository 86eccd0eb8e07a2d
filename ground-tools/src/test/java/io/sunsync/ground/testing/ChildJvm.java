package io.sunsync.ground.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@code sunsync ground …} as a separate JVM on the test class path, so a test can kill it
 * for real. A child still running when the test JVM exits (a test that failed before stopping it)
 * is killed then, so no worker outlives the build. Thread safe.
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

    /** Starts {@code GroundMain args}, its output going to {@code log}. */
    public static Process ground(Path log, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", cp, "io.sunsync.ground.cli.GroundMain"));
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
