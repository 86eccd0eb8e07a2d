package io.sunsync.flight.jobs.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The record framing: what is written comes back, and damage is detected, never misread. */
class FrameCodecProperties {

    @Provide
    Arbitrary<List<byte[]>> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).list().ofMaxSize(20);
    }

    static byte[] file(List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            out.writeBytes(FrameCodec.encode(p));
        }
        return out.toByteArray();
    }

    static List<byte[]> payloadsOf(FrameCodec.Scan scan) {
        return scan.frames().stream().map(FrameCodec.Frame::payload).toList();
    }

    @Property
    void whatIsWrittenIsReadBackInOrder(@ForAll("payloads") List<byte[]> payloads) {
        FrameCodec.Scan scan = FrameCodec.scan(file(payloads));

        assertThat(payloadsOf(scan)).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(payloads);
        assertThat(scan.damage()).isEmpty();
        assertThat(scan.goodEnd()).isEqualTo(file(payloads).length);
    }

    @Property
    void aTruncatedFileYieldsExactlyTheWholeRecordsBeforeTheCut(@ForAll("payloads") List<byte[]> payloads,
                                                                @ForAll @IntRange(min = 0, max = 100_000) int cutSeed) {
        byte[] all = file(payloads);
        int cut = all.length == 0 ? 0 : cutSeed % (all.length + 1);
        byte[] torn = java.util.Arrays.copyOf(all, cut);

        FrameCodec.Scan scan = FrameCodec.scan(torn);

        int whole = 0;
        long end = 0;
        for (byte[] p : payloads) {
            if (end + FrameCodec.HEADER_BYTES + p.length > cut) {
                break;
            }
            end += FrameCodec.HEADER_BYTES + p.length;
            whole++;
        }
        assertThat(payloadsOf(scan)).usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(payloads.subList(0, whole));
        assertThat(scan.goodEnd()).isEqualTo(end);
        if (end < cut) {
            long goodEnd = end;
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
    void garbageAppendedIsReportedAsATornTailAndEveryRecordSurvives(@ForAll("payloads") List<byte[]> payloads,
                                                                    @ForAll("garbage") byte[] garbage) {
        byte[] all = file(payloads);
        byte[] withGarbage = java.util.Arrays.copyOf(all, all.length + garbage.length);
        System.arraycopy(garbage, 0, withGarbage, all.length, garbage.length);

        FrameCodec.Scan scan = FrameCodec.scan(withGarbage);

        assertThat(payloadsOf(scan)).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(payloads);
        assertThat(scan.goodEnd()).isEqualTo(all.length);
        assertThat(scan.damage()).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(Damage.Kind.TORN_TAIL));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(100);
    }

    @Property
    void aFlippedBitLosesOnlyTheRecordItHits(@ForAll("payloads") List<byte[]> payloads,
                                            @ForAll @IntRange(min = 0, max = 1_000_000) int posSeed,
                                            @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] all = file(payloads);
        if (all.length == 0) {
            return;
        }
        int pos = posSeed % all.length;
        all[pos] ^= (byte) (1 << bit);
        int hit = 0;
        long start = 0;
        for (int i = 0; i < payloads.size(); i++) {
            long size = FrameCodec.HEADER_BYTES + payloads.get(i).length;
            if (pos < start + size) {
                hit = i;
                break;
            }
            start += size;
        }

        FrameCodec.Scan scan = FrameCodec.scan(all);

        List<byte[]> expected = new java.util.ArrayList<>(payloads);
        expected.remove(hit);
        // Never a record that was not written, never a record out of order; only the hit one is lost.
        assertThat(payloadsOf(scan)).usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(expected);
        long hitStart = start;
        assertThat(scan.damage()).singleElement().satisfies(d -> assertThat(d.offset()).isEqualTo(hitStart));
    }
}
