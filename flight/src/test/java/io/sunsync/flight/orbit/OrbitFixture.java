package io.sunsync.flight.orbit;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.throttle.EclipseForecaster;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.orbit.SunSynchronousElements;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.orekit.propagation.analytical.tle.TLE;

/** An orbit component on a temporary state folder, run inline (as on a virtual clock), recording its events. */
final class OrbitFixture {
    /** The reference satellite's catalogue number. */
    static final int NORAD = 67001;
    final List<Event> events = new CopyOnWriteArrayList<>();
    final EclipseForecaster forecaster = new EclipseForecaster();
    final OrbitKnowledge orbit;

    OrbitFixture(Path stateDir, OrbitConfig config, NavigationReceiver nav) {
        orbit = new OrbitKnowledge(config, forecaster, stateDir == null ? null : new ForecastStore(stateDir), nav,
                events::add, true);
    }

    /** The reference satellite's elements (650 km, dawn-dusk) at {@code epoch}, as TLE text with a title line. */
    static String tle(Instant epoch) {
        TLE t = SunSynchronousElements.of(epoch, 650, 18, NORAD, 0);
        return "SUNSYNC-1\n" + t.getLine1() + "\n" + t.getLine2() + "\n";
    }

    List<String> codes() {
        return events.stream().map(Event::code).toList();
    }

    /** Runs the planning cycle every {@code stepS} from {@code from} for {@code seconds}. */
    void run(Instant from, long seconds, long stepS) {
        for (long s = 0; s <= seconds; s += stepS) {
            orbit.tick(from.plusSeconds(s));
        }
    }
}
