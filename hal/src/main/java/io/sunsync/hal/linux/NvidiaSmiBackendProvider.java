package io.sunsync.hal.linux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.accel.NvidiaSmi;
import io.sunsync.hal.accel.NvidiaSmiAcceleratorBoard;
import io.sunsync.hal.accel.NvidiaSmiCsv;
import io.sunsync.hal.accel.NvidiaSmiOptions;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.time.Seconds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code nvidia-smi} backend: every NVIDIA GPU (or those listed in {@code boards}) is a
 * {@link NvidiaSmiAcceleratorBoard}; all share one {@link NvidiaSmi}. The GPUs are found by
 * running the tool once at start: if it cannot run or lists no GPU the config is refused,
 * naming {@code options.smiPath}.
 */
public final class NvidiaSmiBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "nvidia-smi";
    }

    @Override
    public List<AcceleratorBoard> accelerators(ObjectNode options, BackendContext context) {
        NvidiaSmiOptions o = ConfigReader.convert(options, NvidiaSmiOptions.class, "options");
        NvidiaSmi smi = new NvidiaSmi(o.smiPath(), Seconds.of(o.timeoutS()), Seconds.of(o.resetTimeoutS()),
                Seconds.of(o.cacheMaxAgeS()), context.timeSource());
        NvidiaSmi.Snapshot first = smi.query();
        if (first.rows().isEmpty()) {
            throw new ConfigException("options.smiPath", first.ok() ? "'" + o.smiPath() + "' lists no GPU"
                    : "'" + o.smiPath() + "' found no GPU: " + first.detail());
        }
        List<NvidiaSmiCsv.Row> chosen = new ArrayList<>();
        if (o.boards().isEmpty()) {
            chosen.addAll(first.rows());
        } else {
            for (int i = 0; i < o.boards().size(); i++) {
                String want = o.boards().get(i).trim();
                Optional<NvidiaSmiCsv.Row> row = first.rows().stream()
                        .filter(r -> r.uuid().equals(want) || Integer.toString(r.index()).equals(want)).findFirst();
                if (row.isEmpty()) {
                    throw new ConfigException("options.boards[" + i + "]", "no GPU '" + want + "'; found "
                            + first.rows().stream().map(r -> r.index() + " (" + r.uuid() + ")").toList());
                }
                chosen.add(row.get());
            }
        }
        List<AcceleratorBoard> boards = new ArrayList<>();
        for (NvidiaSmiCsv.Row r : chosen) {
            String where = "GPU " + r.index();
            double min = limit(o.minCapW(), r.minLimit(), where, "power.min_limit", "options.minCapW");
            double max = limit(o.maxCapW(), r.maxLimit(), where, "power.max_limit", "options.maxCapW");
            if (min > max) {
                throw new ConfigException("options.minCapW", where + ": lowest cap " + min + " W exceeds highest " + max + " W");
            }
            BoardSpec spec = new BoardSpec(o.idPrefix() + r.index(), r.name(), r.index(), min, max,
                    o.idleW() != null ? o.idleW() : 0.1 * max, o.slowdownTempC());
            boards.add(new NvidiaSmiAcceleratorBoard(smi, spec, r.uuid(), Seconds.of(o.staleLimitS()),
                    Seconds.of(o.reapplyEveryS()), context.timeSource()));
        }
        return boards;
    }

    private static double limit(Double configured, NvidiaSmiCsv.Field field, String where, String what, String key) {
        if (configured != null) {
            return configured;
        }
        Sample s = field.sample(io.sunsync.hal.sysfs.Quantity.plain(what, "W", 0, 5000), where);
        if (!s.good() || !(s.value() > 0)) {
            throw new ConfigException(key, "is required: " + where + " reports " + what + " as '" + field.raw() + "'");
        }
        return s.value();
    }

}
