package io.sunsync.ground;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.testkit.FreePort;
import io.sunsync.testkit.UnpackedDistribution;
import io.sunsync.testkit.UnpackedDistribution.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground tools' tarball: unpacked as an operator would, its launcher runs on its own. */
class GroundDistributionIT {
    @TempDir
    static Path install;
    static UnpackedDistribution dist;

    @BeforeAll
    static void unpack() throws Exception {
        dist = UnpackedDistribution.ofBuild(install, "sunsync-ground-", "bin/sunsync-ground");
    }

    @Test
    void theTarballHoldsTheLauncherLibrariesAndTheGuide() throws IOException {
        assertThat(Files.isExecutable(dist.home().resolve("bin/sunsync-ground"))).isTrue();
        assertThat(dist.libraryNames()).anyMatch(n -> n.startsWith("sunsync-ground-tools-"))
                .anyMatch(n -> n.startsWith("org.eclipse.paho.mqttv5.client")).anyMatch(n -> n.startsWith("jfreechart"))
                .noneMatch(n -> n.startsWith("sunsync-flight")).noneMatch(n -> n.startsWith("sunsync-hal"))
                .noneMatch(n -> n.contains("hivemq")).noneMatch(n -> n.startsWith("sunsync-testkit"))
                // One Jackson major: 2 (com.fasterxml.jackson), none of Jackson 3's jars (tools.jackson) beside it.
                .anyMatch(n -> n.startsWith("jackson-databind-2.")).noneMatch(n -> n.matches("jackson-[a-z0-9-]+-3\\.[0-9.]+\\.jar"));
        assertThat(dist.home().resolve("config/logback.xml")).exists();
        assertThat(Files.readString(dist.home().resolve("README.md"))).contains("Operations");
    }

    @Test
    void theLauncherRunsTheToolsAndTheirExitCodes() throws Exception {
        Run help = dist.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("status").contains("fleet").contains("Exit codes:");
        Run noBroker = dist.run("status", "-b", "tcp://127.0.0.1:" + FreePort.find(), "--timeout-s", "0.5");
        assertThat(noBroker.exit()).as(noBroker.out()).isEqualTo(4);
    }
}
