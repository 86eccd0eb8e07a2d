package io.sunsync.orbit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;

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

    /**
     * A circular dawn-dusk sun-synchronous orbit at {@code altitudeKm} (node 6 h east of the
     * Sun at {@code epoch}, so LTAN 18:00), as SGP4 elements, catalogue number 67001.
     */
    static TLE dawnDusk(Instant epoch, double altitudeKm) {
        AbsoluteDate d = OrekitData.date(epoch);
        var sun = OrekitData.sun().getPosition(d, OrekitData.teme());
        double raan = Math.atan2(sun.getY(), sun.getX()) + Math.PI / 2;
        double a = Constants.WGS84_EARTH_EQUATORIAL_RADIUS + altitudeKm * 1000;
        double n = Math.sqrt(Constants.WGS84_EARTH_MU / (a * a * a));
        double r = Constants.WGS84_EARTH_EQUATORIAL_RADIUS / a;
        double cosI = -(2.0 / 3.0) * (2 * Math.PI / (365.2421897 * 86_400)) / (1.08262668e-3 * r * r * n);
        return new TLE(67001, 'U', 2027, 42, "A", TLE.DEFAULT, 999, d, n, 0, 0, 1e-4, Math.acos(cosI),
                Math.PI / 2, (raan + 2 * Math.PI) % (2 * Math.PI), 0, 1200, 2.5e-5, OrekitData.utc());
    }
}
