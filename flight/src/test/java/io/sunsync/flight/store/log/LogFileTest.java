package io.sunsync.flight.store.log;

import static io.sunsync.flight.store.log.LogFormats.BOTH;
import static io.sunsync.flight.store.log.LogFormats.HEADED;
import static io.sunsync.flight.store.log.LogFormats.PLAIN;
import static io.sunsync.flight.store.log.LogFormats.file;
import static io.sunsync.flight.store.log.LogFormats.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.testkit.TmpfsVolume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
    @TempDir
    Path dir;

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void aNewFileIsItsHeaderThenTheFramesAppended() throws IOException {
        for (LogFormat f : BOTH) {
            Path p = dir.resolve(f.name() + ".log");
            List<byte[]> payloads = List.of(text("one!"), text("two two"), text("three three three"));
            List<Long> offsets = new ArrayList<>();
            try (LogFile log = LogFile.create(p, f)) {
                assertThat(log.sizeBytes()).isEqualTo(f.fileHeaderBytes());
                offsets.add(log.append(payloads.get(0)));
                offsets.add(log.appendDurably(payloads.get(1)));
                offsets.add(log.append(payloads.get(2)));
                log.force(false);

                assertThat(log.sizeBytes()).isEqualTo(Files.size(p));
                for (int i = 0; i < payloads.size(); i++) {
                    assertThat(bytes(log.read(offsets.get(i), f.frameBytes(payloads.get(i).length))))
                            .isEqualTo(payloads.get(i));
                }
            }

            assertThat(Files.readAllBytes(p)).isEqualTo(file(f, payloads));
            assertThat(offsets).containsExactly((long) f.fileHeaderBytes(), f.fileHeaderBytes() + 16L,
                    f.fileHeaderBytes() + 35L);
        }
    }

    @Test
    void createRefusesAFileThatExists() throws IOException {
        Path p = dir.resolve("taken.log");
        Files.write(p, text("someone else's"));

        assertThatThrownBy(() -> LogFile.create(p, HEADED)).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(p)).isEqualTo(text("someone else's"));
    }

    @Test
    void openingAMissingFileCreatesItWithItsHeader() throws IOException {
        Path p = dir.resolve("fresh.log");
        try (LogFile log = LogFile.open(p, HEADED, 0)) {
            log.append(text("first"));
        }

        assertThat(Files.readAllBytes(p)).isEqualTo(file(HEADED, List.of(text("first"))));
    }

    @Test
    void openingAfterAScanCutsTheTornTailAndAppendsFollowTheGoodData() throws IOException {
        for (LogFormat f : BOTH) {
            Path p = dir.resolve("torn-" + f.name() + ".log");
            byte[] whole = file(f, List.of(text("kept 1"), text("kept 2"), text("torn away")));
            Files.write(p, Arrays.copyOf(whole, whole.length - 3));
            LogScan<byte[]> scan = LogScan.scan(f, p.getFileName().toString(), Files.readAllBytes(p));

            try (LogFile log = LogFile.open(p, f, scan.goodEnd())) {
                assertThat(log.sizeBytes()).isEqualTo(scan.goodEnd());
                log.appendDurably(text("after the crash"));
            }

            LogScan<byte[]> again = LogScan.scan(f, p.getFileName().toString(), Files.readAllBytes(p));
            assertThat(again.damage()).isEmpty();
            assertThat(again.values()).usingElementComparator(Arrays::compare)
                    .containsExactly(text("kept 1"), text("kept 2"), text("after the crash"));
        }
    }

    @Test
    void readingAFrameDamagedSinceItWasWrittenSaysWhatIsWrong() throws IOException {
        Path p = dir.resolve("rot.log");
        long at;
        try (LogFile log = LogFile.create(p, PLAIN)) {
            log.append(text("before"));
            at = log.append(text("the one that rots"));
        }
        byte[] bytes = Files.readAllBytes(p);
        bytes[(int) at + 14] ^= 4;
        Files.write(p, bytes);

        try (LogFile log = LogFile.open(p, PLAIN, bytes.length)) {
            assertThatThrownBy(() -> log.read(at, PLAIN.frameBytes(17))).isInstanceOfSatisfying(FrameException.class,
                    e -> assertThat(e.problem()).isEqualTo(FrameProblem.CRC_MISMATCH));
            assertThatThrownBy(() -> log.read(0, PLAIN.frameBytes(7))).isInstanceOfSatisfying(FrameException.class,
                    e -> assertThat(e.problem()).isEqualTo(FrameProblem.IMPLAUSIBLE_LENGTH));
            assertThatThrownBy(() -> log.read(at, PLAIN.frameBytes(18))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void clearDropsEveryFrameAndKeepsTheHeader() throws IOException {
        Path p = dir.resolve("cleared.log");
        try (LogFile log = LogFile.create(p, HEADED)) {
            log.append(text("old 1"));
            log.append(text("old 2"));
            log.clear();
            assertThat(log.sizeBytes()).isEqualTo(16);
            log.append(text("new!"));
        }

        assertThat(Files.readAllBytes(p)).isEqualTo(file(HEADED, List.of(text("new!"))));
    }

    /** On a real full disk (a small tmpfs; mounting needs root, as the CI runner has). */
    @Test
    void anAppendTheFullDiskRefusesLeavesTheFileAtItsGoodDataAndTheNextAppendFollowsIt() throws IOException {
        try (TmpfsVolume volume = TmpfsVolume.mount(dir.resolve("vol"), 1L << 20)) {
            Path p = volume.dir().resolve("full.log");
            byte[] big = new byte[256 << 10];
            Arrays.fill(big, (byte) 7);
            try (LogFile log = LogFile.create(p, HEADED)) {
                log.appendDurably(text("before the disk filled"));
                long good = log.sizeBytes();
                volume.fill();

                assertThatThrownBy(() -> log.appendDurably(big)).isInstanceOf(IOException.class);
                assertThat(log.sizeBytes()).isEqualTo(good);
                assertThat(Files.size(p)).isEqualTo(good);

                volume.release();
                log.appendDurably(text("after"));
            }

            LogScan<byte[]> scan = LogScan.scan(HEADED, "full.log", Files.readAllBytes(p));
            assertThat(scan.damage()).isEmpty();
            assertThat(scan.values()).usingElementComparator(Arrays::compare)
                    .containsExactly(text("before the disk filled"), text("after"));
        }
    }
}
