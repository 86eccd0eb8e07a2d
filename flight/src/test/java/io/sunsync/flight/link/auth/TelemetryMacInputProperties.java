package io.sunsync.flight.link.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The MAC input encodes each message's topic, stream, seq and payload so that it can be read back
 * exactly: two different messages never share an input, so a MAC never passes for another message.
 */
class TelemetryMacInputProperties {
    record Message(String topic, String stream, long seq, byte[] payload) {
        boolean same(Message o) {
            return topic.equals(o.topic) && stream.equals(o.stream) && seq == o.seq && Arrays.equals(payload, o.payload);
        }
    }

    @Provide
    Arbitrary<Message> messages() {
        // Small alphabets make near-misses (a topic that ends where a stream begins) likely.
        Arbitrary<String> text = Arbitraries.strings().withChars("ab/\u00e9\u0000").ofMaxLength(6);
        Arbitrary<Long> seq = Arbitraries.oneOf(Arbitraries.longs().between(0, 3), Arbitraries.longs().greaterOrEqual(0));
        Arbitrary<byte[]> payload = Arbitraries.bytes().between((byte) 0, (byte) 3).array(byte[].class).ofMaxSize(6);
        return Combinators.combine(text, text, seq, payload).as(Message::new);
    }

    static Message decode(byte[] input) {
        ByteBuffer b = ByteBuffer.wrap(input);
        byte[] tag = new byte[TelemetryMacInput.TAG.length()];
        b.get(tag);
        assertThat(new String(tag, StandardCharsets.US_ASCII)).isEqualTo(TelemetryMacInput.TAG);
        assertThat(b.get()).isZero();
        byte[] topic = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(topic);
        byte[] stream = new byte[Short.toUnsignedInt(b.getShort())];
        b.get(stream);
        long seq = b.getLong();
        byte[] payload = new byte[b.getInt()];
        b.get(payload);
        assertThat(b.hasRemaining()).isFalse();
        return new Message(new String(topic, StandardCharsets.UTF_8), new String(stream, StandardCharsets.UTF_8), seq,
                payload);
    }

    @Property(tries = 500)
    void theInputReadsBackAsTheMessageItWasMadeOf(@ForAll("messages") Message m) {
        assertThat(decode(TelemetryMacInput.of(m.topic(), m.stream(), m.seq(), m.payload())).same(m)).isTrue();
    }

    @Property(tries = 1000)
    void twoMessagesShareAnInputOnlyWhenTheyAreTheSame(@ForAll("messages") Message a, @ForAll("messages") Message b) {
        boolean sameInput = Arrays.equals(TelemetryMacInput.of(a.topic(), a.stream(), a.seq(), a.payload()),
                TelemetryMacInput.of(b.topic(), b.stream(), b.seq(), b.payload()));
        assertThat(sameInput).isEqualTo(a.same(b));
    }
}
