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

    /** A pipe as the process sees it: reading after close fails, as the read end is gone. */
    static final class Pipe extends java.io.FilterInputStream {
        volatile boolean closed;

        Pipe(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            if (closed) {
                throw new java.io.IOException("Stream closed");
            }
            return super.read(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void onAFullDiskTheOutputIsStillDrainedToItsEndSoTheProcessNeverGetsSigpipe() throws Exception {
        try (io.sunsync.testkit.TmpfsVolume volume = io.sunsync.testkit.TmpfsVolume.mount(dir.resolve("vol"), 1 << 20)) {
            volume.fill();
            Pipe pipe = new Pipe(new byte[300_000]);
            BoundedLog log = new BoundedLog(pipe, volume.dir().resolve("stderr.log"), 100_000);

            log.run();

            assertThat(log.totalBytes()).as("every byte read, though none could be stored").isEqualTo(300_000);
            assertThat(pipe.closed).isTrue();
        }
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
