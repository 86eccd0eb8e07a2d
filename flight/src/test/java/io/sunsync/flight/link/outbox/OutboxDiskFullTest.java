package io.sunsync.flight.link.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.time.ManualTimeSource;
import io.sunsync.testkit.TmpfsVolume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on a real full disk: a 2 MiB {@code tmpfs} filled to the kernel's {@code ENOSPC}
 * (mounting needs root, as the CI runner has). Nothing it numbers goes unaccounted for: a message
 * it cannot write is counted, reported once the disk takes writes again, and recorded in space
 * allocated beforehand so that a kill -9 while the disk is still full loses neither the count nor
 * the sequence numbers.
 */
class OutboxDiskFullTest {
    static final String ROOT = "sunsync/sat-001/";
    static final String HK = ROOT + "tm/hk";

    @TempDir
    Path tmp;
    TmpfsVolume volume;
    Outbox outbox;
    final List<DropReport> drops = new CopyOnWriteArrayList<>();
    final ManualTimeSource time = new ManualTimeSource();

    @BeforeEach
    void mount() {
        volume = TmpfsVolume.mount(tmp.resolve("vol"), 2L << 20);
    }

    @AfterEach
    void unmount() {
        if (outbox != null) {
            outbox.close();
        }
        volume.close();
    }

    Outbox open(Path dir) {
        Outbox o = Outbox.open(OutboxConfig.in(dir).withFsync(FsyncPolicy.GROUP), time, new StreamRouting(ROOT));
        o.setListener(new OutboxListener() {
            @Override
            public void onDrop(DropReport report) {
                drops.add(report);
            }
        });
        return o;
    }

    static AppendResult put(Outbox o, String body) {
        return o.append(HK, 1, false, body.getBytes(StandardCharsets.UTF_8), MessageProperties.NONE);
    }

    @Test
    void messagesRefusedByAFullDiskAreCountedAndReportedOnceItTakesWritesAgain() {
        outbox = open(volume.dir().resolve("outbox"));
        put(outbox, "before");
        volume.fill();
        for (int i = 0; i < 5; i++) {
            assertThat(put(outbox, "x".repeat(8 * 1024)).droppedBecause()).isEqualTo(DropReason.IO_ERROR);
        }
        assertThat(drops).as("a report written now would be lost the same way").isEmpty();
        volume.release();
        AppendResult after = put(outbox, "after");

        assertThat(after.droppedBecause()).isNull();
        assertThat(after.seq()).isEqualTo(6);
        assertThat(drops).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(DropReason.IO_ERROR);
            assertThat(r.count()).isEqualTo(5);
        });
        assertThat(outbox.stats().streams().get("tm/hk").dropped()).isEqualTo(5);
    }

    @Test
    void dropsOnAFullDiskSurviveAKillAndTheirSequenceNumbersAreNotReused() throws IOException {
        Path dir = volume.dir().resolve("outbox");
        outbox = open(dir);
        put(outbox, "before");
        volume.fill();
        for (int i = 0; i < 3; i++) {
            assertThat(put(outbox, "x".repeat(8 * 1024)).droppedBecause()).isEqualTo(DropReason.IO_ERROR);
        }
        // kill -9 now: the files as they are, the disk still full, the state file not updated.
        Path image = Files.createDirectories(tmp.resolve("image"));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.copy(f, image.resolve(f.getFileName()));
            }
        }

        Outbox reopened = open(image);
        try {
            assertThat(reopened.recovery().unrecorded()).singleElement().satisfies(r -> {
                assertThat(r.reason()).isEqualTo(DropReason.IO_ERROR);
                assertThat(r.count()).isEqualTo(3);
            });
            OutboxStats.StreamStats hk = reopened.stats().streams().get("tm/hk");
            assertThat(hk.dropped()).isEqualTo(3);
            assertThat(hk.nextSeq()).as("1..3 were handed out and dropped: never reused").isEqualTo(4);
        } finally {
            reopened.close();
        }
    }
}
