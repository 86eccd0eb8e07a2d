package io.sunsync.flight.link.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.store.log.Damage;
import io.sunsync.flight.store.log.Frame;
import io.sunsync.flight.store.log.LogScan;
import io.sunsync.flight.store.log.MalformedPayloadException;
import io.sunsync.hal.time.ManualTimeSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The segment format: round trips, and recovery from any bytes without a crash. */
class RecordCodecProperties {

    @Provide
    Arbitrary<OutboxRecord> records() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> unicode = Arbitraries.strings().ofMaxLength(20);
        Arbitrary<byte[]> payloads = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
        Arbitrary<List<Map.Entry<String, String>>> users = Combinators.combine(unicode, unicode)
                .as((k, v) -> (Map.Entry<String, String>) new AbstractMap.SimpleImmutableEntry<>(k, v))
                .list().ofMaxSize(3);
        return Combinators.combine(names, Arbitraries.longs().greaterOrEqual(0),
                        Arbitraries.of(Priority.class), Arbitraries.longs().between(0, 4_000_000_000_000L),
                        unicode.map(s -> "sunsync/sat-001/" + s), Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false), payloads)
                .flatAs((stream, seq, p, ms, topic, qos, retained, payload) -> Combinators.combine(
                                payloads.injectNull(0.5), Arbitraries.longs().between(1, 1_000_000).injectNull(0.5),
                                unicode.injectNull(0.5), unicode.injectNull(0.7), users)
                        .as((corr, expiry, resp, ct, user) -> new OutboxRecord(stream, seq, p, Instant.ofEpochMilli(ms),
                                topic, qos, retained, corr, expiry, resp, ct, user, payload)));
    }

    @Property(tries = 300)
    void everyRecordDecodesToItself(@ForAll("records") OutboxRecord record) throws MalformedPayloadException {
        byte[] body = RecordCodec.encodeBody(record);
        assertThat(RecordCodec.decodeBody(ByteBuffer.wrap(body))).isEqualTo(record);
        byte[] segment = segment(List.of(record), new ArrayList<>());
        assertThat(RecordCodec.scan("one.seg", segment).frames()).singleElement().satisfies(f -> {
            assertThat(f.value()).isEqualTo(record);
            assertThat(f.frameBytes()).isEqualTo(segment.length - RecordCodec.SEGMENT_HEADER_BYTES);
        });
    }

    @Property(tries = 300)
    void randomBytesNeverCrashTheScanAndEveryByteIsAccountedFor(@ForAll @Size(max = 3000) byte[] bytes) {
        LogScan<OutboxRecord> scan = RecordCodec.scan("random.seg", bytes);
        long recordBytes = scan.frames().stream().mapToLong(Frame::frameBytes).sum();
        long damaged = scan.damage().stream().mapToLong(Damage::lengthBytes).sum();
        assertThat(recordBytes + damaged).isEqualTo(bytes.length);
    }

    /** {@code r} as a segment holds it: one frame. */
    static byte[] frame(OutboxRecord r) {
        return RecordCodec.FORMAT.encode(RecordCodec.encodeBody(r));
    }

    static byte[] segment(List<OutboxRecord> records, List<Integer> offsets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RecordCodec.FORMAT.fileHeader());
        for (OutboxRecord r : records) {
            offsets.add(out.size());
            out.writeBytes(frame(r));
        }
        return out.toByteArray();
    }

    @Property(tries = 300)
    void aDamagedSegmentStillGivesEveryRecordBeforeTheDamageAndNothingForged(
            @ForAll("records") OutboxRecord a, @ForAll("records") OutboxRecord b, @ForAll("records") OutboxRecord c,
            @ForAll @IntRange(min = 0, max = 100_000) int where, @ForAll byte xor, @ForAll boolean truncate) {
        List<OutboxRecord> written = List.of(a, b, c);
        List<Integer> offsets = new ArrayList<>();
        byte[] bytes = segment(written, offsets);
        int at = where % bytes.length;
        byte[] damaged;
        if (truncate) {
            damaged = java.util.Arrays.copyOf(bytes, at);
        } else {
            damaged = bytes.clone();
            damaged[at] ^= (xor == 0 ? 1 : xor);
        }
        LogScan<OutboxRecord> scan = RecordCodec.scan("damaged.seg", damaged);
        // Records wholly before the damaged byte come back intact.
        int intact = 0;
        while (intact < written.size() && offsets.get(intact) + frame(written.get(intact)).length <= at) {
            intact++;
        }
        List<OutboxRecord> got = scan.values();
        assertThat(got.size()).isGreaterThanOrEqualTo(intact);
        assertThat(got.subList(0, intact)).isEqualTo(written.subList(0, intact));
        // Whatever else comes back is one of the records written (a CRC never passes a forged one).
        assertThat(written).containsAll(got);
        if (!truncate && at >= RecordCodec.SEGMENT_HEADER_BYTES) {
            assertThat(got).hasSize(written.size() - 1);
        }
    }

    @Property(tries = 40)
    void openingAnOutboxOnRandomSegmentFilesNeverThrows(@ForAll @Size(max = 4) List<@Size(max = 5000) byte[]> files,
                                                        @ForAll boolean withState) throws IOException {
        Path dir = Files.createTempDirectory("outbox-random-");
        try {
            for (int i = 0; i < files.size(); i++) {
                Files.write(dir.resolve(String.format("%s-%016x.seg", Priority.values()[i % 3].fileTag(), i)), files.get(i));
            }
            if (withState && !files.isEmpty()) {
                Files.write(dir.resolve("outbox-state.json"), files.get(0));
            }
            Outbox o = Outbox.open(OutboxConfig.in(dir).withFsync(FsyncPolicy.NONE), new ManualTimeSource(),
                    new StreamRouting("sunsync/sat-001/"));
            try {
                assertThat(o.recovery().segments()).isEqualTo(files.size());
                assertThat(o.append("sunsync/sat-001/evt", 1, false, new byte[] {1}, MessageProperties.NONE).stored())
                        .isTrue();
                Outbox.Delivery d = o.next();
                assertThat(d).isNotNull();
            } finally {
                o.close();
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
