package io.sunsync.flight;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.testkit.UnpackedDistribution;
import io.sunsync.testkit.UnpackedDistribution.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built tarball: unpack it as an operator would and run its launcher. */
class DistributionIT {
    @TempDir
    static Path install;
    static UnpackedDistribution dist;

    @BeforeAll
    static void unpack() throws Exception {
        dist = UnpackedDistribution.ofBuild(install, "sunsync-flight-", "bin/sunsync-flight");
    }

    @Test
    void theTarballHoldsTheLauncherLibrariesConfigAndTheHardenedUnit() throws IOException {
        assertThat(Files.isExecutable(dist.home().resolve("bin/sunsync-flight"))).isTrue();
        assertThat(dist.libraryNames()).anyMatch(n -> n.startsWith("sunsync-flight-")).anyMatch(n -> n.startsWith("sunsync-hal-"))
                .anyMatch(n -> n.startsWith("org.eclipse.paho.mqttv5.client"))
                .noneMatch(n -> n.contains("hivemq")).noneMatch(n -> n.startsWith("sunsync-sim-harness"))
                // One Jackson major: 2 (com.fasterxml.jackson), none of Jackson 3's jars (tools.jackson) beside it.
                .anyMatch(n -> n.startsWith("jackson-databind-2.")).noneMatch(n -> n.matches("jackson-[a-z0-9-]+-3\\.[0-9.]+\\.jar"));
        String unit = Files.readString(dist.home().resolve("systemd/sunsync-flight.service"));
        assertThat(unit).contains("Type=notify", "WatchdogSec=", "Restart=on-failure", "User=sunsync",
                "ProtectSystem=strict", "NoNewPrivileges=true", "PrivateTmp=true", "ReadWritePaths=/var/lib/sunsync");
        assertThat(dist.home().resolve("README.md")).exists();
    }

    @Test
    void theLauncherRunsAndABadConfigStopsItWithExitTwoNamingTheKey() throws Exception {
        Run help = dist.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--config");
        Path bad = install.resolve("bad.yaml");
        Files.writeString(bad, """
                satellite: {id: sat-001}
                link: {broker: "tcp://127.0.0.1:1"}
                hardware:
                  clock: {backend: system}
                  power: {backend: sim}
                  thermal: {backend: sim}
                  accelerators: {backend: sim}
                """);
        Run run = dist.run("--config", bad.toString());
        assertThat(run.exit()).isEqualTo(2);
        // The board distribution carries no simulator: the operator is told which key is wrong.
        assertThat(run.out()).contains("hardware.power.backend: unknown backend 'sim'");
    }
}
