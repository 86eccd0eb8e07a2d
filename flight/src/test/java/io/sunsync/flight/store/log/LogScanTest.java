package io.sunsync.flight.store.log;

import static io.sunsync.flight.store.log.LogFormats.BOTH;
import static io.sunsync.flight.store.log.LogFormats.HEADED;
import static io.sunsync.flight.store.log.LogFormats.PLAIN;
import static io.sunsync.flight.store.log.LogFormats.file;
import static io.sunsync.flight.store.log.LogFormats.offsets;
import static io.sunsync.flight.store.log.LogFormats.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class LogScanTest {
    static final List<byte[]> THREE = List.of(text("first record"), text("second, a little longer record"),
            text("third and last record"));

    @Test
    void aFrameIsMagicLengthCrc32cAndPayloadBigEndian() {
        byte[] payload = text("hello");
        CRC32C payloadOnly = new CRC32C();
        payloadOnly.update(payload);
        CRC32C withLength = new CRC32C();
        withLength.update(new byte[] {0, 0, 0, 5});
        withLength.update(payload);

        assertThat(PLAIN.encode(payload)).isEqualTo(ByteBuffer.allocate(17).putInt(0x54535431).putInt(5)
                .putInt((int) payloadOnly.getValue()).put(payload).array());
        assertThat(HEADED.encode(payload)).isEqualTo(ByteBuffer.allocate(17).putInt(0x54535432).putInt(5)
                .putInt((int) withLength.getValue()).put(payload).array());
    }

    @Test
    void whatIsWrittenIsReadBackWithWhereEachFrameIs() {
        for (LogFormat f : BOTH) {
            LogScan<byte[]> scan = LogScan.scan(f, "t.log", file(f, THREE));
            long[] at = offsets(f, THREE);

            assertThat(scan.values()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(THREE);
            assertThat(scan.frames()).extracting(Frame::offset).containsExactly(at[0], at[1], at[2]);
            assertThat(scan.frames()).extracting(Frame::end).containsExactly(at[1], at[2], at[3]);
            assertThat(scan.damage()).isEmpty();
            assertThat(scan.goodEnd()).isEqualTo(at[3]);
            assertThat(scan.tornTail()).isFalse();
        }
    }

    @Test
    void anEmptyFileHoldsNothingAndIsNoDamage() {
        for (LogFormat f : BOTH) {
            LogScan<byte[]> scan = LogScan.scan(f, "empty.log", new byte[0]);

            assertThat(scan.frames()).isEmpty();
            assertThat(scan.damage()).isEmpty();
            assertThat(scan.goodEnd()).isZero();
        }
    }

    @Test
    void aHeaderOnlyFileHoldsNothingAndIsNoDamage() {
        LogScan<byte[]> scan = LogScan.scan(HEADED, "new.log", HEADED.fileHeader());

        assertThat(scan.frames()).isEmpty();
        assertThat(scan.damage()).isEmpty();
        assertThat(scan.goodEnd()).isEqualTo(16);
    }

    @Test
    void aCutShortHeaderIsABadHeaderAndNotATornTail() {
        LogScan<byte[]> scan = LogScan.scan(HEADED, "short.log", Arrays.copyOf(HEADED.fileHeader(), 10));

        assertThat(scan.damage()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Damage.Kind.BAD_HEADER);
            assertThat(d.offset()).isZero();
            assertThat(d.lengthBytes()).isEqualTo(10);
            assertThat(d.file()).isEqualTo("short.log");
        });
        assertThat(scan.goodEnd()).isEqualTo(10);
        assertThat(scan.tornTail()).isFalse();
    }

    @Test
    void aWrongHeaderIsReportedAndTheFramesAfterItAreStillRead() {
        byte[] bytes = file(HEADED, THREE);
        bytes[3] ^= 0x20; // magic "TESTLOG1" -> "TESlLOG1"
        byte[] versionOnly = file(HEADED, THREE);
        versionOnly[11] = 7; // past the magic: the owner's business

        LogScan<byte[]> scan = LogScan.scan(HEADED, "other.log", bytes);

        assertThat(scan.damage()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Damage.Kind.BAD_HEADER);
            assertThat(d.lengthBytes()).isEqualTo(16);
            assertThat(d.detail()).contains("headed test log");
        });
        assertThat(scan.values()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(THREE);
        assertThat(LogScan.scan(HEADED, "v7.log", versionOnly).damage()).isEmpty();
    }

    @Test
    void aTornTailAtEveryByteOfTheLastRecordDropsThatRecordOnly() {
        for (LogFormat f : BOTH) {
            byte[] whole = file(f, THREE);
            long[] at = offsets(f, THREE);
            for (int cut = (int) at[2] + 1; cut < whole.length; cut++) {
                LogScan<byte[]> scan = LogScan.scan(f, "torn.log", Arrays.copyOf(whole, cut));
                int tornBytes = cut - (int) at[2];

                assertThat(scan.values()).as("cut at %d of %s", cut, f).usingElementComparator(Arrays::compare)
                        .containsExactlyElementsOf(THREE.subList(0, 2));
                assertThat(scan.damage()).as("cut at %d of %s", cut, f).singleElement().satisfies(d -> {
                    assertThat(d.kind()).isEqualTo(Damage.Kind.TORN_TAIL);
                    assertThat(d.offset()).isEqualTo(at[2]);
                    assertThat(d.lengthBytes()).isEqualTo(tornBytes);
                    assertThat(d.detail()).startsWith("incomplete or garbage tail dropped (truncated");
                });
                assertThat(scan.goodEnd()).isEqualTo(at[2]);
                assertThat(scan.tornTail()).isTrue();
            }
        }
    }

    @Test
    void everyFlippedBitInTheMiddleRecordLosesThatRecordOnly() {
        for (LogFormat f : BOTH) {
            byte[] whole = file(f, THREE);
            long[] at = offsets(f, THREE);
            for (int pos = (int) at[1]; pos < at[2]; pos++) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] flipped = whole.clone();
                    flipped[pos] ^= (byte) (1 << bit);

                    LogScan<byte[]> scan = LogScan.scan(f, "rot.log", flipped);

                    String where = "bit " + bit + " of byte " + pos + " of " + f;
                    assertThat(scan.values()).as(where).usingElementComparator(Arrays::compare)
                            .containsExactly(THREE.get(0), THREE.get(2));
                    assertThat(scan.damage()).as(where).singleElement().satisfies(d -> {
                        assertThat(d.kind()).isEqualTo(Damage.Kind.CORRUPT_RECORDS);
                        assertThat(d.offset()).isEqualTo(at[1]);
                        assertThat(d.lengthBytes()).isEqualTo(at[2] - at[1]);
                        assertThat(d.detail()).startsWith("bad frame skipped (");
                    });
                    assertThat(scan.goodEnd()).as(where).isEqualTo(whole.length);
                }
            }
        }
    }

    @Test
    void theDamageSaysWhyTheFirstBadFrameWasBad() {
        byte[] whole = file(PLAIN, THREE);
        long[] at = offsets(PLAIN, THREE);
        byte[] payloadFlipped = whole.clone();
        payloadFlipped[(int) at[1] + 20] ^= 1;
        byte[] magicFlipped = whole.clone();
        magicFlipped[(int) at[1]] ^= 1;

        assertThat(LogScan.scan(PLAIN, "a.log", payloadFlipped).damage().get(0).detail())
                .isEqualTo("bad frame skipped (CRC mismatch)");
        assertThat(LogScan.scan(PLAIN, "b.log", magicFlipped).damage().get(0).detail())
                .isEqualTo("bad frame skipped (bad magic)");
    }

    @Test
    void aLengthOutsideTheFormatsBoundsIsNotAFrame() {
        // A frame of a 2-byte payload with a correct CRC, in a format whose payloads are at least 4 bytes.
        byte[] tooShort = PLAIN.encode(new byte[] {1, 2});
        ByteBuffer.wrap(tooShort).putInt(0, HEADED.recordMagic());
        CRC32C crc = new CRC32C();
        crc.update(tooShort, 4, 4);
        crc.update(tooShort, 12, 2);
        ByteBuffer.wrap(tooShort).putInt(8, (int) crc.getValue());
        byte[] bytes = file(HEADED, List.of());
        bytes = Arrays.copyOf(bytes, bytes.length + tooShort.length);
        System.arraycopy(tooShort, 0, bytes, 16, tooShort.length);

        LogScan<byte[]> scan = LogScan.scan(HEADED, "short-frame.log", bytes);

        assertThat(scan.frames()).isEmpty();
        assertThat(scan.damage()).singleElement().satisfies(d -> assertThat(d.detail()).contains("implausible length"));
        assertThatThrownBy(() -> HEADED.encode(new byte[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPayloadTheDecoderRefusesIsSkippedLikeACorruptFrame() {
        List<byte[]> payloads = List.of(text("ok 1"), text("bad"), text("ok 2"), text("bad"));
        PayloadDecoder<String> okOnly = b -> {
            String s = StandardCharsets.UTF_8.decode(b).toString();
            if (!s.startsWith("ok")) {
                throw new MalformedPayloadException("not ok: " + s);
            }
            return s;
        };
        long[] at = offsets(PLAIN, payloads);

        LogScan<String> scan = LogScan.scan(PLAIN, "decoded.log", file(PLAIN, payloads), okOnly);

        assertThat(scan.values()).containsExactly("ok 1", "ok 2");
        assertThat(scan.damage()).extracting(Damage::kind, Damage::offset, Damage::lengthBytes).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Damage.Kind.CORRUPT_RECORDS, at[1], at[2] - at[1]),
                org.assertj.core.groups.Tuple.tuple(Damage.Kind.TORN_TAIL, at[3], at[4] - at[3]));
        assertThat(scan.damage().get(0).detail()).isEqualTo("bad frame skipped (malformed payload: not ok: bad)");
        assertThat(scan.goodEnd()).isEqualTo(at[3]);
    }
}
