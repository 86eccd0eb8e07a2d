package io.sunsync.flight.store.log;

import static io.sunsync.flight.store.log.LogFormats.file;
import static io.sunsync.flight.store.log.LogFormats.offsets;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The log's framing over random records and random damage, in both shapes of format. */
class LogScanProperties {

    @Provide
    Arbitrary<LogFormat> formats() {
        return Arbitraries.of(LogFormats.BOTH);
    }

    @Provide
    Arbitrary<List<byte[]>> payloads() {
        // At least 4 bytes each: the headed format's minimum.
        return Arbitraries.bytes().array(byte[].class).ofMinSize(4).ofMaxSize(300).list().ofMaxSize(20);
    }

    static long wholeBytesOf(LogScan<byte[]> scan) {
        return scan.frames().stream().mapToLong(Frame::frameBytes).sum();
    }

    @Property
    void randomRecordSequencesComeBackInOrder(@ForAll("formats") LogFormat format,
                                              @ForAll("payloads") List<byte[]> payloads) {
        byte[] bytes = file(format, payloads);

        LogScan<byte[]> scan = LogScan.scan(format, "random.log", bytes);

        assertThat(scan.values()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(payloads);
        assertThat(scan.damage()).isEmpty();
        assertThat(scan.goodEnd()).isEqualTo(bytes.length);
    }

    @Property
    void aRandomCutIsATornTailAndNeverLosesAWholeEarlierRecord(@ForAll("formats") LogFormat format,
                                                             @ForAll("payloads") List<byte[]> payloads,
                                                             @ForAll @IntRange(min = 0, max = 100_000) int cutSeed) {
        byte[] all = file(format, payloads);
        int header = format.fileHeaderBytes();
        int cut = header + cutSeed % (all.length - header + 1);
        long[] at = offsets(format, payloads);
        int whole = 0;
        while (whole < payloads.size() && at[whole + 1] <= cut) {
            whole++;
        }

        LogScan<byte[]> scan = LogScan.scan(format, "cut.log", Arrays.copyOf(all, cut));

        assertThat(scan.values()).usingElementComparator(Arrays::compare)
                .containsExactlyElementsOf(payloads.subList(0, whole));
        assertThat(scan.goodEnd()).isEqualTo(at[whole]);
        long goodEnd = at[whole];
        if (goodEnd < cut) {
            assertThat(scan.damage()).singleElement().satisfies(d -> {
                assertThat(d.kind()).isEqualTo(Damage.Kind.TORN_TAIL);
                assertThat(d.offset()).isEqualTo(goodEnd);
                assertThat(d.lengthBytes()).isEqualTo(cut - goodEnd);
            });
        } else {
            assertThat(scan.damage()).isEmpty();
        }
    }

    @Property
    void garbageAppendedIsATornTailAndEveryRecordSurvives(@ForAll("formats") LogFormat format,
                                                         @ForAll("payloads") List<byte[]> payloads,
                                                         @ForAll @Size(min = 1, max = 100) byte[] garbage) {
        byte[] all = file(format, payloads);
        byte[] withGarbage = Arrays.copyOf(all, all.length + garbage.length);
        System.arraycopy(garbage, 0, withGarbage, all.length, garbage.length);

        LogScan<byte[]> scan = LogScan.scan(format, "garbage.log", withGarbage);

        assertThat(scan.values()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(payloads);
        assertThat(scan.goodEnd()).isEqualTo(all.length);
        assertThat(scan.damage()).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(Damage.Kind.TORN_TAIL));
    }

    @Property
    void aFlippedBitLosesOnlyTheRecordItHits(@ForAll("formats") LogFormat format,
                                            @ForAll("payloads") @Size(min = 1) List<byte[]> payloads,
                                            @ForAll @IntRange(min = 0, max = 1_000_000) int posSeed,
                                            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] all = file(format, payloads);
        long[] at = offsets(format, payloads);
        int header = format.fileHeaderBytes();
        int pos = header + posSeed % (all.length - header);
        all[pos] ^= (byte) (1 << bit);
        int hit = 0;
        while (at[hit + 1] <= pos) {
            hit++;
        }
        List<byte[]> expected = new ArrayList<>(payloads);
        expected.remove(hit);

        LogScan<byte[]> scan = LogScan.scan(format, "flipped.log", all);

        // Never a record that was not written, never one out of order; only the hit one is lost.
        assertThat(scan.values()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(expected);
        long hitStart = at[hit];
        assertThat(scan.damage()).singleElement().satisfies(d -> assertThat(d.offset()).isEqualTo(hitStart));
    }

    @Property
    void randomBytesNeverThrowAndEveryByteIsAFrameOrDamage(@ForAll("formats") LogFormat format,
                                                          @ForAll @Size(max = 3000) byte[] bytes) {
        LogScan<byte[]> scan = LogScan.scan(format, "noise.log", bytes);

        long damaged = scan.damage().stream().mapToLong(Damage::lengthBytes).sum();
        long header = format.headerMatches(bytes) ? format.fileHeaderBytes() : 0;
        assertThat(wholeBytesOf(scan) + damaged + header).isEqualTo(bytes.length);
        assertThat(scan.goodEnd()).isBetween(0L, (long) bytes.length);
    }
}
