package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.Quality;
import io.sunsync.hal.sysfs.ExternalCommand;
import io.sunsync.hal.sysfs.Quantity;
import io.sunsync.hal.sysfs.ReadingFaults;
import io.sunsync.hal.sysfs.Sample;
import io.sunsync.hal.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One NVIDIA GPU driven through NVML (shared {@link Nvml}): a reading is five to seven library
 * calls of microseconds each, not a process. Found by UUID, so an index change between boots does
 * not swap boards.
 *
 * <p>Reads power ({@code nvmlDeviceGetPowerUsage}, mW), the power management limit (the cap; mW),
 * the enforced limit, the GPU temperature, utilisation, uncorrected volatile ECC errors and the
 * clocks event reasons. Power, limit and temperature are required: a failed call is a fault with
 * the code's {@link NvmlReturn#readFault()} and the reading's quality drops; utilisation, ECC and
 * reasons are optional ({@code NOT_SUPPORTED} reads NaN / 0 / none without a fault). A call that
 * says {@code GPU_IS_LOST} or {@code RESET_REQUIRED} makes the board {@link BoardState#HUNG}
 * ({@link FaultCode#DEVICE_HUNG}). An enforced limit below the management limit (another limiter:
 * the VBIOS, an out-of-band SMBPBI cap) is a {@link FaultCode#DEVICE_THROTTLED} health fault.
 *
 * <p>{@code setCap} calls {@code nvmlDeviceSetPowerManagementLimit} (root) and reads the limit
 * back (±1 W): a code is the command fault of {@link NvmlReturn#commandFault()}, a limit that did
 * not take is {@link FaultCode#COMMAND_NOT_VERIFIED}. A limit lost later (driver reload, GPU reset)
 * is applied again from a reading at most every {@code reapplyEvery}. NVML cannot power a GPU off:
 * disabling holds it at its lowest cap (state {@link BoardState#DISABLED}, no work admitted).
 * NVML has no reset: {@code reset} runs {@code nvidia-smi -i UUID -r}, finds the GPU again by UUID
 * and puts the cap back.
 *
 * <p>Threading: every method is synchronized on the board; boards share only the thread-safe
 * {@link Nvml}, so commands to different boards run at once.
 */
public final class NvmlAcceleratorBoard implements AcceleratorBoard {
    private static final double CAP_TOLERANCE_W = 1.0;
    private static final Quantity POWER = Quantity.milliwatts("powerW", 0, 5000);
    private static final Quantity LIMIT = Quantity.milliwatts("capW", 0, 5000);
    private static final Quantity TEMP = Quantity.plain("tempC", "°C", -60, 200);
    private static final Quantity UTIL = Quantity.plain("utilizationPct", "%", 0, 100);

    private final Nvml nvml;
    private final BoardSpec spec;
    private final String uuid;
    private final String smiPath;
    private final Duration resetTimeout;
    private final TimeSource time;
    private final CommandedCap commanded;
    private Nvml.Device device;

    /**
     * @param nvml         the shared library session
     * @param device       the GPU's handle
     * @param spec         identity and ratings ({@link BoardSpec#index()} is the NVML index at start)
     * @param uuid         the GPU's UUID (to find it again after a reset)
     * @param reapplyEvery how often a lost power limit is re-applied at most
     * @param smiPath      the {@code nvidia-smi} that resets the GPU
     * @param resetTimeout its time limit
     */
    public NvmlAcceleratorBoard(Nvml nvml, Nvml.Device device, BoardSpec spec, String uuid, Duration reapplyEvery,
                                String smiPath, Duration resetTimeout, TimeSource time) {
        this.nvml = Objects.requireNonNull(nvml, "nvml");
        this.device = Objects.requireNonNull(device, "device");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.uuid = Objects.requireNonNull(uuid, "uuid");
        this.smiPath = Objects.requireNonNull(smiPath, "smiPath");
        this.resetTimeout = Objects.requireNonNull(resetTimeout, "resetTimeout");
        this.time = Objects.requireNonNull(time, "time");
        this.commanded = new CommandedCap(CAP_TOLERANCE_W, reapplyEvery);
    }

    /** The GPU's UUID. */
    public String uuid() {
        return uuid;
    }

    @Override
    public BoardSpec spec() {
        return spec;
    }

    @Override
    public synchronized BoardReading read() {
        Instant now = time.now();
        ReadingFaults faults = new ReadingFaults(now);
        BoardState state = commanded.disabled() ? BoardState.DISABLED : BoardState.ENABLED;
        Nvml.Value power = nvml.powerMw(device);
        Nvml.Value limit = power.status().gpuLost() ? power : nvml.managementLimitMw(device);
        Nvml.Value temp = limit.status().gpuLost() ? limit : nvml.tempC(device);
        NvmlReturn lost = temp.status().gpuLost() ? temp.status() : null;
        if (lost != null) {
            faults.add(FaultCode.DEVICE_HUNG, spec.id(), "read", "GPU " + uuid + ": " + nvml.describe(lost)
                    + "; it needs a reset", Quality.FAILED);
            return BoardReading.unreadable(now, spec.id(), BoardState.HUNG, faults.quality(), faults.faults());
        }
        double powerW = faults.take(spec.id(), "powerW", sample(power, POWER, "nvmlDeviceGetPowerUsage"));
        double capW = faults.take(spec.id(), "capW", sample(limit, LIMIT, "nvmlDeviceGetPowerManagementLimit"));
        double tempC = faults.take(spec.id(), "tempC", sample(temp, TEMP, "nvmlDeviceGetTemperature"));
        double util = optional(faults, nvml.utilizationPct(device), UTIL, "utilizationPct", "nvmlDeviceGetUtilizationRates",
                Double.NaN);
        Nvml.Value ecc = nvml.eccUncorrected(device);
        long eccCount = ecc.ok() ? ecc.value() : 0;
        if (!ecc.ok() && !absent(ecc.status())) {
            faults.add(ecc.status().readFault(), spec.id(), "eccUncorrected", "nvmlDeviceGetTotalEccErrors returned "
                    + nvml.describe(ecc.status()));
        }
        if (eccCount > 0) {
            faults.addHealth(FaultCode.DEVICE_ERROR, spec.id(), "eccUncorrected",
                    eccCount + " uncorrectable ECC errors since the driver loaded");
        }
        Nvml.Value bits = nvml.clocksEventReasons(device);
        Set<ThrottleReason> reasons = bits.ok() ? ThrottleReason.fromNvmlBits(bits.value()) : Set.of();
        if (!bits.ok() && !absent(bits.status())) {
            faults.add(bits.status().readFault(), spec.id(), "throttleReasons", "clocks event reasons: "
                    + nvml.describe(bits.status()));
        }
        if (reasons.contains(ThrottleReason.HW_THERMAL) || reasons.contains(ThrottleReason.SW_THERMAL)
                || reasons.contains(ThrottleReason.HW_SLOWDOWN)) {
            faults.addHealth(FaultCode.DEVICE_THROTTLED, spec.id(), "throttleReasons", "clocks held down: " + reasons);
        }
        Nvml.Value enforced = nvml.enforcedLimitMw(device);
        if (enforced.ok() && Double.isFinite(capW) && enforced.value() / 1000.0 < capW - CAP_TOLERANCE_W) {
            faults.addHealth(FaultCode.DEVICE_THROTTLED, spec.id(), "capW", String.format(Locale.ROOT,
                    "enforced power limit %.1f W is below the management limit %.1f W (another limiter: VBIOS or an "
                            + "out-of-band cap)", enforced.value() / 1000.0, capW));
        }
        if (commanded.needsReapply(capW, now)) {
            CommandResult again = applyAndVerify(commanded.capW(), now);
            faults.addHealth(FaultCode.COMMAND_NOT_VERIFIED, spec.id(), "setCap", String.format(Locale.ROOT,
                    "power limit reads %.1f W but %.1f W was commanded (driver reload or reset?); re-applied: %s",
                    capW, commanded.capW(), again.ok() ? "ok" : again.fault().detail()));
        }
        return new BoardReading(now, spec.id(), state, powerW, capW, tempC, util, Double.NaN, eccCount, reasons,
                faults.quality(), faults.faults());
    }

    /** A call's value as a sample of {@code q} (its unit scaled), or a failed sample with the code's read fault. */
    private Sample sample(Nvml.Value v, Quantity q, String call) {
        if (!v.ok()) {
            return Sample.failed(v.status().readFault(), "GPU " + spec.index() + ": " + call + " returned "
                    + nvml.describe(v.status()));
        }
        return q.check(v.value() * q.scale(), "GPU " + spec.index());
    }

    private double optional(ReadingFaults faults, Nvml.Value v, Quantity q, String name, String call, double absent) {
        if (!v.ok() && absent(v.status())) {
            return absent;
        }
        Sample s = sample(v, q, call);
        double x = faults.take(spec.id(), name, s);
        return s.usable() ? x : absent;
    }

    /** Codes that mean the board simply has no such sensor (a consumer GPU without ECC). */
    private static boolean absent(NvmlReturn r) {
        return r == NvmlReturn.NOT_SUPPORTED || r == NvmlReturn.FUNCTION_NOT_FOUND;
    }

    @Override
    public synchronized CommandResult setCap(double capW) {
        Instant now = time.now();
        return commanded.command(spec, capW, now, w -> applyAndVerify(w, now));
    }

    private CommandResult applyAndVerify(double capW, Instant now) {
        long mw = Math.round(capW * 1000);
        NvmlReturn r = nvml.setLimitMw(device, mw);
        if (!r.ok()) {
            return fail(r.commandFault(), "setCap", "nvmlDeviceSetPowerManagementLimit(" + mw + " mW) returned "
                    + nvml.describe(r), now);
        }
        Nvml.Value back = nvml.managementLimitMw(device);
        if (!back.ok() || Math.abs(back.value() - mw) > CAP_TOLERANCE_W * 1000) {
            return fail(FaultCode.COMMAND_NOT_VERIFIED, "setCap", String.format(Locale.ROOT,
                    "nvmlDeviceSetPowerManagementLimit(%d mW) returned NVML_SUCCESS, but the limit reads %s", mw,
                    back.ok() ? back.value() + " mW" : nvml.describe(back.status())), now);
        }
        return CommandResult.success();
    }

    @Override
    public synchronized CommandResult setEnabled(boolean enabled) {
        Instant now = time.now();
        return commanded.setEnabled(spec, enabled, now, w -> applyAndVerify(w, now));
    }

    @Override
    public synchronized CommandResult reset() {
        Instant now = time.now();
        ExternalCommand.Outcome out = ExternalCommand.run(List.of(smiPath, "-i", uuid, "-r"), resetTimeout);
        if (!out.ok()) {
            String why = out.launchError() != null ? out.launchError()
                    : out.timedOut() ? smiPath + " -r did not finish within " + resetTimeout.toSeconds() + " s; killed"
                    : smiPath + " -r exited with " + out.exitCode() + ": " + NvidiaSmiCsv.shorten(out.firstLine());
            return fail(out.timedOut() ? FaultCode.COMMAND_TIMEOUT : FaultCode.COMMAND_REJECTED, "reset",
                    "NVML has no reset; " + why, now);
        }
        Nvml.Lookup again = nvml.byUuid(uuid);
        if (!again.ok()) {
            return fail(FaultCode.COMMAND_NOT_VERIFIED, "reset", "GPU " + uuid + " not found after the reset: "
                    + nvml.describe(again.status()), now);
        }
        device = again.device();
        Double cap = commanded.capW();
        if (cap != null) {
            CommandResult r = applyAndVerify(cap, now); // a reset restores the default limit: put ours back
            if (!r.ok()) {
                return fail(r.fault().code(), "reset", "reset done, but re-applying the cap failed: " + r.fault().detail(),
                        now);
            }
        }
        return CommandResult.success();
    }

    private CommandResult fail(FaultCode code, String command, String detail, Instant at) {
        return CommandResult.failure(new HalFault(code, spec.id(), command, detail, at));
    }
}
