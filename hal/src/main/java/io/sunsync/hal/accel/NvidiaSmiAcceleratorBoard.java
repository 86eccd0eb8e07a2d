package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.sysfs.ExternalCommand;
import io.sunsync.hal.sysfs.ReadingFaults;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One NVIDIA GPU driven through {@code nvidia-smi} (shared {@link NvidiaSmi}: one query per
 * control tick serves every board). The board is found by UUID, so a change of index order
 * between boots does not swap boards. Reads power draw, the software power limit, temperature,
 * utilisation, uncorrected volatile ECC errors and throttle reasons; sets the power limit with
 * {@code -pl}, verified by querying again.
 *
 * <p>Faults: a failed query is a fault with its cause ({@link FaultCode#COMMAND_TIMEOUT},
 * {@link FaultCode#SENSOR_IO_ERROR}, {@link FaultCode#DEVICE_HUNG} for "GPU is lost" or "requires
 * reset"); for {@code staleLimitS} after the last good query its values are served with quality
 * STALE and {@link FaultCode#SENSOR_STALE}. {@code [N/A]}/{@code [Not Supported]} power, limit or
 * temperature are {@link FaultCode#SENSOR_MISSING}; utilisation, ECC and throttle reasons are
 * optional (a board without them reads NaN / 0 / none, without a fault). ECC errors are
 * {@link FaultCode#DEVICE_ERROR}, thermal slowdown {@link FaultCode#DEVICE_THROTTLED}; neither
 * lowers the quality.
 *
 * <p>The power limit does not survive a reboot, a driver reload or a reset: when a reading shows
 * a limit other than the one commanded, the board applies it again (at most every
 * {@code reapplyEveryS}) and reports {@link FaultCode#COMMAND_NOT_VERIFIED}. {@code nvidia-smi}
 * cannot power a GPU off: disabling sets the cap to the minimum and reports
 * {@link BoardState#DISABLED} (the flight side admits no work to it); enabling restores the cap.
 *
 * <p>Threading: every method is synchronized on the board (a command waits for a reading of the
 * same board in progress, and the other way round); boards share nothing unsynchronized.
 */
public final class NvidiaSmiAcceleratorBoard implements AcceleratorBoard {
    private static final double CAP_TOLERANCE_W = 1.0;

    private final NvidiaSmi smi;
    private final BoardSpec spec;
    private final String uuid;
    private final Duration staleLimit;
    private final TimeSource time;
    private final CommandedCap commanded;

    /**
     * @param smi        the shared tool
     * @param spec       identity and ratings ({@link BoardSpec#index()} is the GPU index at start)
     * @param uuid       the GPU's UUID (empty: find it by index)
     * @param staleLimit how long the last good values are served after a failed query
     * @param reapplyEvery how often a lost power limit is re-applied at most
     */
    public NvidiaSmiAcceleratorBoard(NvidiaSmi smi, BoardSpec spec, String uuid, Duration staleLimit,
                                     Duration reapplyEvery, TimeSource time) {
        this.smi = Objects.requireNonNull(smi, "smi");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.uuid = uuid == null ? "" : uuid;
        this.staleLimit = Objects.requireNonNull(staleLimit, "staleLimit");
        this.time = Objects.requireNonNull(time, "time");
        this.commanded = new CommandedCap(CAP_TOLERANCE_W, reapplyEvery);
    }

    /** The GPU's UUID. */
    public String uuid() {
        return uuid;
    }

    private String idArg() {
        return uuid.isEmpty() ? Integer.toString(spec.index()) : uuid;
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public synchronized BoardReading read() {
        return ReadingFaults.guarded(time.now(), spec.id(), f -> sample(f.at(), f),
                f -> failed(f.at(), BoardState.ENABLED, f));
    }

    private BoardReading sample(Instant now, ReadingFaults faults) {
        NvidiaSmi.Snapshot snap = smi.snapshot();
        Optional<NvidiaSmiCsv.Row> row = snap.row(uuid, spec.index());
        boolean stale = false;
        if (row.isEmpty()) {
            Optional<NvidiaSmi.Snapshot> good = smi.lastGood();
            Optional<NvidiaSmiCsv.Row> old = good.flatMap(g -> g.row(uuid, spec.index()));
            boolean serveOld = !snap.ok() && old.isPresent()
                    && Duration.between(good.get().at(), now).compareTo(staleLimit) <= 0;
            boolean hung = snap.fault() == FaultCode.DEVICE_HUNG;
            FaultCode cause = snap.ok() ? FaultCode.SENSOR_MISSING : snap.fault();
            String detail = snap.ok() ? "nvidia-smi printed no line for GPU " + idArg() : snap.detail();
            faults.add(cause, spec.id(), "query", detail, serveOld ? Quality.STALE : Quality.FAILED);
            if (!serveOld) {
                return failed(now, hung ? BoardState.HUNG : state(), faults);
            }
            faults.add(FaultCode.SENSOR_STALE, spec.id(), "query", String.format(Locale.ROOT,
                    "serving values from %.1f s ago", Duration.between(good.get().at(), now).toMillis() / 1000.0));
            row = old;
            stale = true;
        }
        NvidiaSmiCsv.Row r = row.get();
        String where = "nvidia-smi GPU " + r.index();
        double powerW = faults.take(spec.id(), "powerW", r.powerDraw().sample(NvidiaSmiCsv.POWER, where));
        double capW = faults.take(spec.id(), "capW", r.powerLimit().sample(NvidiaSmiCsv.LIMIT, where));
        double tempC = faults.take(spec.id(), "tempC", r.temp().sample(NvidiaSmiCsv.TEMP, where));
        double util = optional(faults, r.util(), NvidiaSmiCsv.UTIL, "utilizationPct", where, Double.NaN);
        double ecc = optional(faults, r.ecc(), NvidiaSmiCsv.COUNT, "eccUncorrected", where, 0);
        long eccCount = Double.isFinite(ecc) ? (long) ecc : 0;
        if (eccCount > 0) {
            faults.addHealth(FaultCode.DEVICE_ERROR, spec.id(), "eccUncorrected",
                    eccCount + " uncorrectable ECC errors since the driver loaded");
        }
        Set<ThrottleReason> reasons = NvidiaSmiCsv.reasons(r.reasons());
        if (reasons == null) {
            faults.add(FaultCode.SENSOR_UNPARSABLE, spec.id(), "throttleReasons",
                    where + ": '" + NvidiaSmiCsv.shorten(r.reasons().raw()) + "' is not a bit mask");
            reasons = Set.of();
        } else if (reasons.contains(ThrottleReason.HW_THERMAL) || reasons.contains(ThrottleReason.SW_THERMAL)
                || reasons.contains(ThrottleReason.HW_SLOWDOWN)) {
            faults.addHealth(FaultCode.DEVICE_THROTTLED, spec.id(), "throttleReasons", "clocks held down: " + reasons);
        }
        BoardState state = state();
        if (requiresReset(r)) {
            faults.add(FaultCode.DEVICE_HUNG, spec.id(), "query", where + " needs a reset", Quality.FAILED);
            state = BoardState.HUNG;
        }
        if (!stale && commanded.needsReapply(capW, now)) {
            CommandResult again = applyAndVerify(commanded.capW(), now);
            faults.addHealth(FaultCode.COMMAND_NOT_VERIFIED, spec.id(), "setCap", String.format(Locale.ROOT,
                    "power limit reads %.1f W but %.1f W was commanded (reboot, driver reload or reset?); re-applied: %s",
                    capW, commanded.capW(), again.ok() ? "ok" : again.fault().detail()));
        }
        return new BoardReading(now, spec.id(), state, powerW, capW, tempC, util, Double.NaN, eccCount, reasons,
                faults.quality(), faults.faults());
    }

    private double optional(ReadingFaults faults, NvidiaSmiCsv.Field f, io.sunsync.hal.sysfs.Quantity q, String name,
                            String where, double absent) {
        if (f.status() == NvidiaSmiCsv.Status.NOT_AVAILABLE || f.status() == NvidiaSmiCsv.Status.NOT_SUPPORTED) {
            return absent;
        }
        Sample s = f.sample(q, where);
        double v = faults.take(spec.id(), name, s);
        return s.usable() ? v : absent;
    }

    private static boolean requiresReset(NvidiaSmiCsv.Row r) {
        for (NvidiaSmiCsv.Field f : new NvidiaSmiCsv.Field[] {r.powerDraw(), r.powerLimit(), r.temp()}) {
            String t = f.raw().toLowerCase(Locale.ROOT);
            if (t.contains("requires reset") || t.contains("gpu is lost")) {
                return true;
            }
        }
        return false;
    }

    private BoardState state() {
        return commanded.disabled() ? BoardState.DISABLED : BoardState.ENABLED;
    }

    private BoardReading failed(Instant now, BoardState state, ReadingFaults faults) {
        return BoardReading.unreadable(now, spec.id(), state, faults.quality(), faults.faults());
    }

    @Override
    public synchronized CommandResult setCap(double capW) {
        Instant now = time.now();
        return commanded.command(spec, capW, now, w -> applyAndVerify(w, now));
    }

    private CommandResult applyAndVerify(double capW, Instant now) {
        ExternalCommand.Outcome out = smi.setPowerLimit(idArg(), capW);
        if (!out.ok()) {
            return fail(commandFault(out), "setCap", describe(out), now);
        }
        return verify(smi.query(), capW, now);
    }

    /** Whether {@code snap} shows this GPU's power limit at {@code capW} (±1 W), as a command's result. */
    CommandResult verify(NvidiaSmi.Snapshot snap, double capW, Instant now) {
        Optional<NvidiaSmiCsv.Row> row = snap.row(uuid, spec.index());
        Sample limit = row.map(r -> r.powerLimit().sample(NvidiaSmiCsv.LIMIT, "nvidia-smi GPU " + r.index()))
                .orElse(Sample.failed(snap.ok() ? FaultCode.SENSOR_MISSING : snap.fault(),
                        snap.ok() ? "no line for GPU " + idArg() : snap.detail()));
        if (!limit.good() || Math.abs(limit.value() - capW) > CAP_TOLERANCE_W) {
            return fail(FaultCode.COMMAND_NOT_VERIFIED, "setCap", String.format(Locale.ROOT,
                    "nvidia-smi -pl %.2f accepted, but power.limit reads %s", capW,
                    limit.good() ? limit.value() + " W" : limit.detail()), now);
        }
        return CommandResult.success();
    }

    /** The tool this board runs. */
    NvidiaSmi tool() {
        return smi;
    }

    /** True while the board is held disabled (caller holds the board's lock). */
    boolean heldDisabled() {
        return commanded.disabled();
    }

    /** The GPU's index as {@code snap} lists it (found by UUID), if listed. */
    Optional<Integer> indexIn(NvidiaSmi.Snapshot snap) {
        return snap.row(uuid, spec.index()).map(NvidiaSmiCsv.Row::index);
    }

    /** A group command set the lowest cap and it read back: the board is disabled (caller holds the board's lock). */
    void disabledByGroup() {
        commanded.disabledBy(spec.minCapW());
    }

    /** Every board of this tool is shed together: {@link NvidiaSmiSafeStateGroup}. */
    @Override
    public Optional<SafeStateGroup> safeStateGroup() {
        return Optional.of(smi.safeStateGroup());
    }

    @Override
    public synchronized CommandResult setEnabled(boolean enabled) {
        Instant now = time.now();
        return commanded.setEnabled(spec, enabled, now, w -> applyAndVerify(w, now));
    }

    @Override
    public synchronized CommandResult reset() {
        Instant now = time.now();
        ExternalCommand.Outcome out = smi.reset(idArg());
        if (!out.ok()) {
            return fail(commandFault(out), "reset", describe(out), now);
        }
        NvidiaSmi.Snapshot snap = smi.query();
        if (snap.row(uuid, spec.index()).isEmpty()) {
            return fail(FaultCode.COMMAND_NOT_VERIFIED, "reset", "GPU " + idArg() + " not listed after reset: "
                    + (snap.ok() ? "no line" : snap.detail()), now);
        }
        Double cap = commanded.capW();
        if (cap != null) {
            // A reset restores the default power limit: put ours back.
            CommandResult again = applyAndVerify(cap, now);
            if (!again.ok()) {
                return fail(again.fault().code(), "reset", "reset done, but re-applying the cap failed: "
                        + again.fault().detail(), now);
            }
        }
        return CommandResult.success();
    }

    private static FaultCode commandFault(ExternalCommand.Outcome out) {
        return out.timedOut() ? FaultCode.COMMAND_TIMEOUT : FaultCode.COMMAND_REJECTED;
    }

    static String describe(ExternalCommand.Outcome out) {
        if (out.launchError() != null) {
            return out.launchError();
        }
        if (out.timedOut()) {
            return String.format(Locale.ROOT, "nvidia-smi did not finish within %.1f s; killed",
                    out.elapsed().toMillis() / 1000.0);
        }
        return "nvidia-smi exited with " + out.exitCode() + ": " + NvidiaSmiCsv.shorten(out.firstLine());
    }

    private CommandResult fail(FaultCode code, String command, String detail, Instant at) {
        return CommandResult.failure(new HalFault(code, spec.id(), command, detail, at));
    }
}
