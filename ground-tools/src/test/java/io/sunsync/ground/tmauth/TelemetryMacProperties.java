package io.sunsync.ground.tmauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.link.auth.TelemetryMacInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The ground's MAC input is flight's, byte for byte, for any message (the ICD's definition, written twice). */
class TelemetryMacProperties {
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("sunat/-0123\u00e9\u4e2d").ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(8));
    }

    @Property(tries = 500)
    void groundAndFlightBuildTheSameInput(@ForAll("texts") String topic, @ForAll("texts") String stream,
                                          @ForAll("seqs") long seq, @ForAll byte[] payload) {
        assertThat(TelemetryMac.input(topic, stream, seq, payload))
                .isEqualTo(TelemetryMacInput.of(topic, stream, seq, payload));
    }

    @Provide
    Arbitrary<Long> seqs() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 70_000), Arbitraries.longs().greaterOrEqual(0));
    }
}
