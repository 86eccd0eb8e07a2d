package io.sunsync.ground.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code sunsync ground …} as a separate JVM on the test class path, so a test can kill it for real. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Starts {@code GroundMain args}, its output going to {@code log}. */
    public static Process ground(Path log, String... args) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", cp, "io.sunsync.ground.cli.GroundMain"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }
}
