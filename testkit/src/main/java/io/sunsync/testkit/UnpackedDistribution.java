package io.sunsync.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A distribution tarball unpacked with {@code tar} as an operator would, for the tests that run
 * its launcher as a separate process. Immutable; thread safe.
 */
public final class UnpackedDistribution {
    private static final long TIMEOUT_S = 60;

    /** The system property naming the tarball the build made (the modules' failsafe configuration sets it). */
    public static final String DIST_PROPERTY = "sunsync.dist";

    private final Path home;
    private final String launcher;

    private UnpackedDistribution(Path home, String launcher) {
        this.home = home;
        this.launcher = launcher;
    }

    /** What a launcher run gave: its exit code and its output (stdout and stderr together). */
    public record Run(int exit, String out) {
    }

    /**
     * Unpacks the tarball the build made (system property {@value #DIST_PROPERTY}) into {@code into}.
     *
     * @param homePrefix how the name of the folder the tarball holds starts, e.g. {@code sunsync-flight-}
     * @param launcher   the launcher's path in that folder, e.g. {@code bin/sunsync-flight}
     * @throws IllegalStateException if the property is not set, the tarball is missing, {@code tar} fails
     *                               or takes over 60 s, or no such folder comes out
     */
    public static UnpackedDistribution ofBuild(Path into, String homePrefix, String launcher)
            throws IOException, InterruptedException {
        String dist = System.getProperty(DIST_PROPERTY);
        if (dist == null) {
            throw new IllegalStateException("system property " + DIST_PROPERTY + " (the tarball) is not set");
        }
        return unpack(Path.of(dist), into, homePrefix, launcher);
    }

    /** Unpacks {@code tarball} ({@code .tar.gz}) into {@code into}; otherwise as {@link #ofBuild}. */
    public static UnpackedDistribution unpack(Path tarball, Path into, String homePrefix, String launcher)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no distribution tarball at " + tarball);
        }
        Process tar = new ProcessBuilder("tar", "-C", into.toString(), "-xzf", tarball.toString()).inheritIO().start();
        if (!tar.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            tar.destroyForcibly();
            throw new IllegalStateException("tar -xzf " + tarball + " took over " + TIMEOUT_S + " s");
        }
        if (tar.exitValue() != 0) {
            throw new IllegalStateException("tar -xzf " + tarball + " exited with " + tar.exitValue());
        }
        try (Stream<Path> dirs = Files.list(into)) {
            return new UnpackedDistribution(dirs.filter(p -> p.getFileName().toString().startsWith(homePrefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(tarball + " holds no folder " + homePrefix + "*")), launcher);
        }
    }

    /** The folder the tarball unpacked to. */
    public Path home() {
        return home;
    }

    /** The file names in its {@code lib} folder (the jars the launcher puts on the class path). */
    public List<String> libraryNames() throws IOException {
        try (Stream<Path> libs = Files.list(home.resolve("lib"))) {
            return libs.map(p -> p.getFileName().toString()).toList();
        }
    }

    /**
     * Runs the launcher with {@code args} to its end (at most 60 s) and returns what it gave.
     *
     * @throws IllegalStateException if it runs for over 60 s after closing its output (it is killed)
     */
    public Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(home.resolve(launcher).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not exit within " + TIMEOUT_S + " s: " + out);
        }
        return new Run(p.exitValue(), out);
    }
}
