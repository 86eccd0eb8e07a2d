package io.sunsync.flight.link.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.hal.time.ManualTimeSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox's segment format does not change under a software update: segments written by an
 * earlier build ({@code src/test/resources/formats/outbox}, see the README there) are recovered
 * and sent, and the same messages stored now give the same bytes.
 */
class OutboxFormatTest {
    static final String ROOT = "sunsync/sat-001/";
    static final Instant START = Instant.parse("2027-06-21T00:00:00Z");

    @TempDir
    Path dir;

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The messages the files in {@code formats/outbox} were written with; the event is delivered. */
    static void writeSample(Path dir) {
        ManualTimeSource time = new ManualTimeSource(START);
        Outbox box = Outbox.open(OutboxConfig.in(dir).withFsync(FsyncPolicy.NONE), time, new StreamRouting(ROOT));
        try {
            box.append(ROOT + "tm/hk", 1, false, text("hk-0"), MessageProperties.NONE);
            time.advance(Duration.ofMillis(1500));
            box.append(ROOT + "evt", 1, false, text("{\"code\":\"X\"}"), new MessageProperties(text("corr-1"), 600L,
                    ROOT + "tc/ack/op", "application/json", List.of(Map.entry("k", "v"), Map.entry("k\u00e9", "v2"))));
            box.append(ROOT + "tm/hk", 0, true, text("hk-1"), MessageProperties.NONE);
            time.advance(Duration.ofSeconds(2));
            box.append(ROOT + "results/job-1/chunk", 1, false, new byte[] {0, 1, 2, (byte) 0xff},
                    new MessageProperties(null, null, null, "application/octet-stream", List.of()));
            box.append(ROOT + "tm/hk", 1, false, text("hk-2"), MessageProperties.NONE);
            Outbox.Delivery first = box.next();
            assertThat(first.record().topic()).isEqualTo(ROOT + "evt");
            box.delivered(first);
        } finally {
            box.close();
        }
    }

    static Path sample() throws URISyntaxException {
        return Path.of(OutboxFormatTest.class.getResource("/formats/outbox").toURI());
    }

    static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
    }

    @Test
    void segmentsWrittenByAnEarlierBuildAreRecoveredAndSent() throws Exception {
        try (Stream<Path> files = Files.list(sample())) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals("README.md")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Outbox box = Outbox.open(OutboxConfig.in(dir).withFsync(FsyncPolicy.NONE), new ManualTimeSource(START.plusSeconds(60)),
                new StreamRouting(ROOT));
        try {
            assertThat(box.recovery().clean()).isTrue();
            assertThat(box.recovery().pending()).isEqualTo(4);
            List<OutboxRecord> sent = new ArrayList<>();
            Outbox.Delivery d;
            while ((d = box.next()) != null) {
                sent.add(d.record());
                box.delivered(d);
            }

            assertThat(sent).containsExactly(
                    OutboxRecord.of("tm/hk", 0, Priority.NORMAL, START, ROOT + "tm/hk", 1, false, text("hk-0")),
                    OutboxRecord.of("tm/hk", 1, Priority.NORMAL, START.plusMillis(1500), ROOT + "tm/hk", 0, true,
                            text("hk-1")),
                    OutboxRecord.of("tm/hk", 2, Priority.NORMAL, START.plusMillis(3500), ROOT + "tm/hk", 1, false,
                            text("hk-2")),
                    new OutboxRecord("results", 0, Priority.LOW, START.plusMillis(3500), ROOT + "results/job-1/chunk", 1,
                            false, null, null, null, "application/octet-stream", List.of(),
                            new byte[] {0, 1, 2, (byte) 0xff}));
            assertThat(box.append(ROOT + "evt", 1, false, text("next"), MessageProperties.NONE).seq()).isEqualTo(1);
        } finally {
            box.close();
        }
    }

    @Test
    void theSameMessagesWriteTheSameSegmentBytesAsAnEarlierBuild() throws Exception {
        writeSample(dir);

        List<Path> written = segments(dir);
        assertThat(written.stream().map(p -> p.getFileName().toString()))
                .containsExactlyElementsOf(segments(sample()).stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : written) {
            assertThat(Files.readAllBytes(p)).as(p.getFileName().toString())
                    .isEqualTo(Files.readAllBytes(sample().resolve(p.getFileName())));
        }
    }
}
