package io.sunsync.flight.hk;

import io.sunsync.flight.link.Downlink;
import io.sunsync.flight.link.Json;
import io.sunsync.flight.link.OutboundMessage;
import io.sunsync.flight.link.Topics;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardReading;
import io.sunsync.hal.accel.BoardState;
import io.sunsync.hal.power.PowerReading;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalReading;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Samples every subsystem once per housekeeping period and sends a {@link HousekeepingFrame}
 * down the link (retained, so a ground tool that connects later sees the latest at once).
 * Runs on the scheduler thread.
 */
public final class HousekeepingCollector implements Scheduled {
    private final String satelliteId;
    private final PowerSystem power;
    private final ThermalControl thermal;
    private final List<AcceleratorBoard> boards;
    private final Downlink downlink;
    private final Topics topics;
    private final Supplier<HousekeepingFrame.Link> linkStats;
    private final Supplier<List<HousekeepingFrame.Rate>> rateStats;
    private final Supplier<String> mode;
    private final Map<String, Supplier<?>> sections = new LinkedHashMap<>();
    private long seq;
    private HousekeepingFrame last;
    private volatile double periodS;
    private Instant lastSentAt;

    public HousekeepingCollector(String satelliteId, PowerSystem power, ThermalControl thermal,
                                 List<AcceleratorBoard> boards, Downlink downlink, Topics topics,
                                 Supplier<HousekeepingFrame.Link> linkStats,
                                 Supplier<List<HousekeepingFrame.Rate>> rateStats, Supplier<String> mode) {
        this.satelliteId = satelliteId;
        this.power = power;
        this.thermal = thermal;
        this.boards = List.copyOf(boards);
        this.downlink = downlink;
        this.topics = topics;
        this.linkStats = linkStats;
        this.rateStats = rateStats;
        this.mode = mode;
    }

    @Override
    public String name() {
        return "housekeeping";
    }

    /**
     * Adds a section to every frame from now on (call while wiring, before the scheduler runs).
     * The supplier is called on the housekeeping thread and must return a small immutable value
     * (a record) or null to leave the section out of a frame.
     */
    public void addSection(String name, Supplier<?> section) {
        if (sections.containsKey(name)) {
            throw new IllegalArgumentException("housekeeping section " + name + " already added");
        }
        sections.put(name, section);
    }

    /**
     * Sends a frame at most every {@code seconds} (0: on every tick of its rate group, the
     * default). A period shorter than the rate group's gives one frame per tick. Any thread.
     */
    public void setPeriodS(double seconds) {
        if (!(seconds >= 0 && seconds <= 86_400)) {
            throw new IllegalArgumentException("housekeeping period must be in [0, 86400] s, was " + seconds);
        }
        this.periodS = seconds;
    }

    /** The period set by {@link #setPeriodS}, in s (0: every tick). */
    public double periodS() {
        return periodS;
    }

    @Override
    public void tick(Instant now) {
        double p = periodS;
        if (lastSentAt != null && p > 0 && now.isBefore(lastSentAt.plusMillis(Math.round(p * 1000)))) {
            return;
        }
        lastSentAt = now;
        HousekeepingFrame frame = sample(now);
        last = frame;
        downlink.send(new OutboundMessage(topics.housekeeping(), Json.encode(frame), 1, true));
    }

    /** The last frame sent, or null before the first tick. */
    public HousekeepingFrame last() {
        return last;
    }

    HousekeepingFrame sample(Instant now) {
        PowerReading p = power.read();
        ThermalReading th = thermal.read();
        double maxZone = Double.NEGATIVE_INFINITY;
        String hottest = "";
        for (ThermalReading.ZoneTemperature z : th.zones()) {
            if (z.quality().usable() && z.tempC() > maxZone) {
                maxZone = z.tempC();
                hottest = z.name();
            }
        }
        int pumpsOn = (int) th.loops().stream().filter(l -> l.pumpOn() && !l.pumpFailed()).count();
        int enabled = 0;
        double drawW = 0;
        double capW = 0;
        double maxTemp = Double.NEGATIVE_INFINITY;
        double work = 0;
        int[] capsW = new int[boards.size()];
        for (int i = 0; i < boards.size(); i++) {
            BoardReading r = boards.get(i).read();
            if (r.state() == BoardState.ENABLED) {
                enabled++;
                capW += r.capW();
                capsW[i] = Double.isFinite(r.capW()) ? (int) Math.round(r.capW()) : 0;
            }
            drawW += finite(r.trustedPowerW());
            maxTemp = Math.max(maxTemp, finite(r.trustedTempC()));
            work += finite(r.workUnits());
        }
        return new HousekeepingFrame(satelliteId, seq++, now, mode.get(),
                new HousekeepingFrame.Power(p.arrayAvailableW(), p.arrayPowerW(), p.busVoltageV(), p.loadPowerW(),
                        p.batteryPowerW(), p.batteryEnergyWh(), p.batterySocPct(), p.sunlit(), p.quality().name()),
                new HousekeepingFrame.Thermal(maxZone == Double.NEGATIVE_INFINITY ? Double.NaN : maxZone, hottest,
                        pumpsOn, th.quality().name()),
                new HousekeepingFrame.Boards(boards.size(), enabled, drawW, capW,
                        maxTemp == Double.NEGATIVE_INFINITY ? Double.NaN : maxTemp, work, capsW),
                linkStats.get(), rateStats.get(), sectionValues());
    }

    private Map<String, Object> sectionValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        sections.forEach((name, supplier) -> {
            Object v = supplier.get();
            if (v != null) {
                values.put(name, v);
            }
        });
        return values;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0.0;
    }
}
