package io.sunsync.hal.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalCommandTest {
    @TempDir
    Path dir;

    private Path script(String body) throws IOException {
        Path p = dir.resolve("tool.sh");
        Files.writeString(p, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    @Test
    void capturesOutputAndExitStatus() throws IOException {
        ExternalCommand.Outcome out = ExternalCommand.run(List.of(script("echo hello; echo oops >&2; exit 3").toString()),
                Duration.ofSeconds(10));
        assertThat(out.exitCode()).isEqualTo(3);
        assertThat(out.stdout()).isEqualTo("hello\n");
        assertThat(out.stderr()).isEqualTo("oops\n");
        assertThat(out.ok()).isFalse();
        assertThat(out.firstLine()).isEqualTo("hello");
    }

    @Test
    void aMissingProgramIsALaunchErrorNotAnException() {
        ExternalCommand.Outcome out = ExternalCommand.run(List.of(dir.resolve("no-such-tool").toString()),
                Duration.ofSeconds(1));
        assertThat(out.launchError()).contains("cannot run");
        assertThat(out.ok()).isFalse();
    }

    @Test
    void aHungToolIsKilledWithItsChildrenAtTheLimit() throws IOException {
        Path pidFile = dir.resolve("child.pid");
        // The child sleeps with the tool's stdout open: a pipe-reading runner would hang here.
        Path tool = script("sleep 60 & echo $! > " + pidFile + "; wait");
        ExternalCommand.Outcome out = ExternalCommand.run(List.of(tool.toString()), Duration.ofMillis(300));
        assertThat(out.timedOut()).isTrue();
        assertThat(out.elapsed()).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(pidFile).trim());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(child).map(ph -> !ph.isAlive()).orElse(true));
    }
}
