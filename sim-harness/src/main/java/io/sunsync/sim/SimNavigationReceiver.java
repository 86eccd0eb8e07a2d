package io.sunsync.sim;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.nav.FixType;
import io.sunsync.hal.nav.NavigationChecks;
import io.sunsync.hal.nav.NavigationFix;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.hal.nav.NavigationSpec;
import io.sunsync.sim.orbit.StateVector;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * The {@code sim} navigation receiver: the truth orbit's Earth-fixed position and velocity
 * ({@link io.sunsync.sim.orbit.TruthOrbit#earthFixed}) at the receiver's last whole-second
 * solution, with Gaussian noise per axis, reads without a solution at the configured rate and,
 * on request, garbage (a faulty receiver); every solution goes through
 * {@link NavigationChecks}, as a real backend's would. Deterministic for a scenario seed and a
 * sequence of reads.
 *
 * <p>Thread safe: reads are synchronized (the HIL server's clients and flight may share one).
 */
public final class SimNavigationReceiver implements NavigationReceiver {
    static final String DEVICE = "navigation";
    private final SimSatellite satellite;
    private final SimNavigationOptions options;
    private final NavigationSpec spec;
    private final Random random;

    public SimNavigationReceiver(SimSatellite satellite, SimNavigationOptions options) {
        this.satellite = satellite;
        this.options = options;
        this.spec = new NavigationSpec(options.positionSigmaM(), options.velocitySigmaMps(), options.maxFixAgeS());
        this.random = new Random(satellite.scenario().seed() ^ 0x6E61765FL); // "nav_"
    }

    @Override
    public NavigationSpec spec() {
        return spec;
    }

    @Override
    public synchronized NavigationFix read() {
        Instant now = satellite.now();
        if (random.nextDouble() < options.dropoutProbability()) {
            return NavigationChecks.check(new NavigationFix(now, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, FixType.NONE, random.nextInt(4), Double.NaN, Quality.GOOD, List.of()), spec, DEVICE);
        }
        Instant fixTime = now.truncatedTo(ChronoUnit.SECONDS); // a 1 Hz receiver's last solution
        if (random.nextDouble() < options.garbageProbability()) {
            double scale = 7e6 * (0.5 + random.nextDouble());
            return NavigationChecks.check(new NavigationFix(now, fixTime, scale * random.nextGaussian(),
                    scale * random.nextGaussian(), scale * random.nextGaussian(), 7e3 * random.nextGaussian(),
                    7e3 * random.nextGaussian(), 7e3 * random.nextGaussian(), FixType.THREE_D, 4 + random.nextInt(8),
                    1 + 3 * random.nextDouble(), Quality.GOOD, List.of()), spec, DEVICE);
        }
        StateVector s;
        try {
            s = satellite.truthOrbit().earthFixed(fixTime);
        } catch (RuntimeException e) {
            return NavigationFix.none(now, new HalFault(FaultCode.SENSOR_IO_ERROR, DEVICE, "read", String.valueOf(e.getMessage()), now));
        }
        double p = options.positionSigmaM();
        double v = options.velocitySigmaMps();
        return NavigationChecks.check(new NavigationFix(now, fixTime, s.xM() + p * random.nextGaussian(),
                s.yM() + p * random.nextGaussian(), s.zM() + p * random.nextGaussian(),
                s.vxMps() + v * random.nextGaussian(), s.vyMps() + v * random.nextGaussian(),
                s.vzMps() + v * random.nextGaussian(), FixType.THREE_D, 8 + random.nextInt(5), 1.1 + random.nextDouble(),
                Quality.GOOD, List.of()), spec, DEVICE);
    }
}
