package io.sunsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.time.TimeSource;
import io.sunsync.sim.accel.WallClockLatency;
import io.sunsync.sim.accel.WallClockLatencyBoard;
import io.sunsync.sim.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sim} backend: every simulated device is a view of one shared {@link SimSatellite}
 * built from {@code hardware.backends.sim} (its scenario file and overrides). Use it for the
 * clock too, so flight and the model share one virtual time. With {@code truthLog} set, the
 * truth record is written there and finished when the JVM exits. With {@code wallLatency} set, the
 * boards take as long in wall time as a real backend's device calls ({@link WallClockLatencyBoard}).
 * The optional navigation receiver ({@link SimNavigationReceiver}) reads the truth orbit with a GNSS
 * receiver's noise and dropouts ({@link SimNavigationOptions} under {@code hardware.navigation.options}).
 */
public final class SimBackendProvider implements BackendProvider {
    private static final Logger LOG = LoggerFactory.getLogger(SimBackendProvider.class);

    @Override
    public String name() {
        return "sim";
    }

    private static SimSatellite satellite(BackendContext context) {
        return context.shared("sim.satellite", SimSatellite.class, () -> build(context));
    }

    private static SimSatellite build(BackendContext context) {
        SimSettings settings = context.settings("sim", SimSettings.class);
        String key = context.settingsKey("sim");
        Scenario base;
        if (settings.scenario() == null) {
            base = Scenario.reference();
        } else {
            Path file = context.resolve(settings.scenario());
            try {
                base = Scenario.load(file);
            } catch (ConfigException e) {
                throw new ConfigException(key + ".scenario", "bad scenario " + file + ": " + e.getMessage(), e);
            }
        }
        Scenario scenario;
        try {
            scenario = settings.apply(base);
        } catch (ConfigException e) {
            throw new ConfigException(key + "." + e.key(), e.reason(), e);
        }
        Path log = settings.truthLog() == null ? null : context.resolve(settings.truthLog());
        SimSatellite sat = new SimSatellite(scenario, new SimSatellite.Recording(settings.truthSampleS(), 0, log, settings.truthOracle()));
        LOG.info("sim satellite: scenario '{}', start {}, {} boards, seed {}, step {} s{}", scenario.name(),
                scenario.start(), scenario.boards().count(), scenario.seed(), scenario.stepS(),
                log == null ? "" : ", truth log " + log);
        if (log != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(sat::close, "sim-truth-log"));
        }
        return sat;
    }

    @Override
    public TimeSource timeSource(ObjectNode options, BackendContext context) {
        SimSatellite sat = satellite(context);
        return new SimTimeSource(sat, context.settings("sim", SimSettings.class).speed());
    }

    @Override
    public PowerSystem powerSystem(ObjectNode options, BackendContext context) {
        return satellite(context).power();
    }

    @Override
    public ThermalControl thermalControl(ObjectNode options, BackendContext context) {
        return satellite(context).thermal();
    }

    @Override
    public List<AcceleratorBoard> accelerators(ObjectNode options, BackendContext context) {
        List<SimAcceleratorBoard> boards = satellite(context).boards();
        WallClockLatency latency = context.settings("sim", SimSettings.class).wallLatency();
        if (latency.free()) {
            return List.copyOf(boards);
        }
        LOG.info("sim boards answer with the wall-clock cost of {}", latency);
        return WallClockLatencyBoard.wrap(boards, latency);
    }

    @Override
    public NavigationReceiver navigation(ObjectNode options, BackendContext context) {
        return new SimNavigationReceiver(satellite(context),
                ConfigReader.convert(options, SimNavigationOptions.class, "options"));
    }

    /** The shared model of this assembly (for tests and the demo: its truth record). */
    public static SimSatellite satelliteOf(BackendContext context) {
        return satellite(context);
    }
}
