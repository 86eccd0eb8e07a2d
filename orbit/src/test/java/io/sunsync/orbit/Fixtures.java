package io.sunsync.orbit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.orekit.propagation.analytical.tle.TLE;

/** Test elements: the reference satellite's (files next to this class) and a generator for any epoch. */
final class Fixtures {
    /** The epoch of the fixture files. */
    static final Instant EPOCH = Instant.parse("2027-06-20T00:00:00Z");

    private Fixtures() {
    }

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A circular dawn-dusk sun-synchronous orbit at {@code altitudeKm}, catalogue number 67001, at the node at {@code epoch}. */
    static TLE dawnDusk(Instant epoch, double altitudeKm) {
        return SunSynchronousElements.of(epoch, altitudeKm, 18, 67001, 90);
    }
}
