package io.sunsync.flight.jobs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedLogTest {
    @TempDir
    Path dir;

    @Test
    void outputBeyondTheLimitRotatesSoTheLogNeverExceedsTwiceIt() throws Exception {
        byte[] spam = new byte[1_000_000];
        for (int i = 0; i < spam.length; i++) {
            spam[i] = (byte) ('a' + i % 26);
        }
        Path file = dir.resolve("stdout.log");
        BoundedLog log = new BoundedLog(new ByteArrayInputStream(spam), file, 10_000);

        log.run();

        assertThat(log.totalBytes()).isEqualTo(1_000_000);
        assertThat(log.rotations()).isEqualTo(99);
        assertThat(Files.size(file)).isEqualTo(10_000);
        assertThat(Files.size(dir.resolve("stdout.log.1"))).isEqualTo(10_000);
        // The current file holds the last bytes written.
        assertThat(log.tail(26)).isEqualTo(new String(spam, spam.length - 26, 26));
    }

    @Test
    void aShortOutputIsKeptWhole() throws Exception {
        Path file = dir.resolve("stderr.log");
        BoundedLog log = new BoundedLog(new ByteArrayInputStream("oops\n".getBytes()), file, 10_000);

        log.run();

        assertThat(Files.readString(file)).isEqualTo("oops\n");
        assertThat(dir.resolve("stderr.log.1")).doesNotExist();
    }
}
