package io.sunsync.hal.accel;

import java.util.EnumSet;
import java.util.Set;

/** Why the hardware is holding a board's clocks down (after nvidia-smi's clocks_event_reasons). */
public enum ThrottleReason {
    /** Nothing to run. */
    IDLE,
    /** Held at the software power cap. */
    POWER_CAP,
    /** Hardware slowdown (power brake or over-temperature signal). */
    HW_SLOWDOWN,
    /** Hardware thermal slowdown. */
    HW_THERMAL,
    /** Driver thermal slowdown. */
    SW_THERMAL;

    /** NVML clocks-event reason bits ({@code nvmlClocksEventReasons}). */
    static final long NVML_IDLE = 0x1L;
    static final long NVML_SW_POWER_CAP = 0x4L;
    static final long NVML_HW_SLOWDOWN = 0x8L;
    static final long NVML_SW_THERMAL = 0x20L;
    static final long NVML_HW_THERMAL = 0x40L;
    static final long NVML_HW_POWER_BRAKE = 0x80L;

    /**
     * The reasons in an NVML clocks-event bit mask
     * (docs.nvidia.com/deploy/nvml-api/group__nvmlClocksEventReasons.html): 0x1 idle, 0x4 SW power
     * cap, 0x8 HW slowdown and 0x80 HW power brake, 0x20 SW thermal, 0x40 HW thermal; other bits
     * (application clocks, sync boost, display) are not reasons a board is held down.
     */
    public static Set<ThrottleReason> fromNvmlBits(long bits) {
        Set<ThrottleReason> out = EnumSet.noneOf(ThrottleReason.class);
        if ((bits & NVML_IDLE) != 0) {
            out.add(IDLE);
        }
        if ((bits & NVML_SW_POWER_CAP) != 0) {
            out.add(POWER_CAP);
        }
        if ((bits & (NVML_HW_SLOWDOWN | NVML_HW_POWER_BRAKE)) != 0) {
            out.add(HW_SLOWDOWN);
        }
        if ((bits & NVML_HW_THERMAL) != 0) {
            out.add(HW_THERMAL);
        }
        if ((bits & NVML_SW_THERMAL) != 0) {
            out.add(SW_THERMAL);
        }
        return out;
    }
}
