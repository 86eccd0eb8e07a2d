package io.sunsync.hal.linux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.Nvml;
import io.sunsync.hal.accel.NvmlAcceleratorBoard;
import io.sunsync.hal.accel.NvmlOptions;
import io.sunsync.hal.accel.NvmlReturn;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.time.Seconds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code nvml} backend: every NVIDIA GPU NVML sees (or those listed in {@code boards}) is an
 * {@link NvmlAcceleratorBoard}; all share one {@link Nvml} session, opened and initialised at
 * start. A library that will not load or initialise, no GPU, or a GPU whose name, UUID or power
 * limits cannot be read refuses the config naming the key ({@code options.library},
 * {@code options.boards[i]}, {@code options.minCapW}...). The slowdown temperature comes from the
 * GPU ({@code NVML_TEMPERATURE_THRESHOLD_SLOWDOWN}) unless the config sets it.
 */
public final class NvmlBackendProvider implements BackendProvider {
    private static final Logger LOG = LoggerFactory.getLogger(NvmlBackendProvider.class);

    @Override
    public String name() {
        return "nvml";
    }

    @Override
    public List<AcceleratorBoard> accelerators(ObjectNode options, BackendContext context) {
        NvmlOptions o = ConfigReader.convert(options, NvmlOptions.class, "options");
        // A path is taken from the config file's folder; a bare name is found by the dynamic loader.
        Nvml.Opened opened = Nvml.open(o.library().contains("/") ? context.resolve(o.library()).toString() : o.library());
        if (!opened.ok()) {
            throw new ConfigException("options.library", opened.detail());
        }
        Nvml nvml = opened.nvml();
        Nvml.Value count = nvml.count();
        if (!count.ok() || count.value() == 0) {
            throw new ConfigException("options.library", count.ok() ? "NVML (" + o.library() + ") sees no GPU"
                    : "nvmlDeviceGetCount_v2 returned " + nvml.describe(count.status()));
        }
        List<Found> chosen = new ArrayList<>();
        if (o.boards().isEmpty()) {
            for (int i = 0; i < count.value(); i++) {
                chosen.add(find(nvml, Integer.toString(i), "options.library"));
            }
        } else {
            for (int i = 0; i < o.boards().size(); i++) {
                chosen.add(find(nvml, o.boards().get(i).trim(), "options.boards[" + i + "]"));
            }
        }
        List<AcceleratorBoard> boards = new ArrayList<>();
        for (Found f : chosen) {
            String where = "GPU " + f.index + " (" + f.uuid + ")";
            Nvml.Range range = nvml.limitRangeMw(f.device);
            if (!range.status().ok() && (o.minCapW() == null || o.maxCapW() == null)) {
                throw new ConfigException(o.minCapW() == null ? "options.minCapW" : "options.maxCapW", "is required: "
                        + where + ": nvmlDeviceGetPowerManagementLimitConstraints returned " + nvml.describe(range.status()));
            }
            double min = o.minCapW() != null ? o.minCapW() : range.minMw() / 1000.0;
            double max = o.maxCapW() != null ? o.maxCapW() : range.maxMw() / 1000.0;
            if (!(min > 0) || min > max) {
                throw new ConfigException("options.minCapW", where + ": lowest cap " + min + " W, highest " + max
                        + " W: need 0 < lowest <= highest");
            }
            double slowdown;
            if (o.slowdownTempC() != null) {
                slowdown = o.slowdownTempC();
            } else {
                Nvml.Value s = nvml.slowdownC(f.device);
                if (s.ok() && s.value() > 0 && s.value() < 200) {
                    slowdown = s.value();
                } else {
                    slowdown = NvmlOptions.DEFAULT_SLOWDOWN_C;
                    LOG.warn("{}: no slowdown temperature from NVML ({}); assuming {} °C (set options.slowdownTempC)",
                            where, s.ok() ? s.value() + " °C" : nvml.describe(s.status()), slowdown);
                }
            }
            BoardSpec spec = new BoardSpec(o.idPrefix() + f.index, f.name, f.index, min, max,
                    o.idleW() != null ? o.idleW() : 0.1 * max, slowdown);
            LOG.info("nvml: {} {} {}: caps {}..{} W, slowdown {} °C", spec.id(), f.name, f.uuid, fmt(min), fmt(max),
                    fmt(slowdown));
            boards.add(new NvmlAcceleratorBoard(nvml, f.device, spec, f.uuid, Seconds.of(o.reapplyEveryS()), o.smiPath(),
                    Seconds.of(o.resetTimeoutS()), context.timeSource()));
        }
        return boards;
    }

    private record Found(Nvml.Device device, int index, String uuid, String name) {
    }

    /** The GPU named by an NVML index or a UUID, with its index, UUID and name, or a config error at {@code key}. */
    private static Found find(Nvml nvml, String want, String key) {
        Nvml.Lookup l = want.matches("\\d{1,4}") ? nvml.byIndex(Integer.parseInt(want)) : nvml.byUuid(want);
        if (!l.ok()) {
            throw new ConfigException(key, "no GPU '" + want + "': " + nvml.describe(l.status()));
        }
        Nvml.Value index = nvml.index(l.device());
        Nvml.Text uuid = nvml.uuid(l.device());
        Nvml.Text name = nvml.name(l.device());
        if (!index.ok() || !uuid.status().ok() || !name.status().ok()) {
            NvmlReturn bad = !index.ok() ? index.status() : !uuid.status().ok() ? uuid.status()
                    : name.status();
            throw new ConfigException(key, "GPU '" + want + "': cannot read its index, UUID or name: " + nvml.describe(bad));
        }
        return new Found(l.device(), (int) index.value(), uuid.value(), name.value());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

}
