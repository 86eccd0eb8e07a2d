package io.sunsync.hal.sysfs;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.config.ConfigException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An on/off actuator (a pump, a fan, a heater) named by a {@link SysfsRef}, switched by writing
 * its sysfs attribute and verified by reading it back ({@link FaultCode#COMMAND_NOT_VERIFIED}
 * when the read-back disagrees). Three kinds:
 * <ul>
 * <li>{@code hwmon:CHIP/pwmN}: on writes {@code pwmN_enable = 1} (manual control, where the
 *   attribute exists) then {@code pwmN = onLevel} (0..255); off writes {@code pwmN = 0}. A
 *   {@code pwmN_enable} of 0 means "no control, full speed" (sysfs-class-hwmon) and reads as on.</li>
 * <li>{@code cooling:TYPE}: on writes {@code cur_state = max_state}, off writes {@code cur_state = 0}.</li>
 * <li>{@code path:REL}: a switch file (e.g. a GPIO {@code value}); on writes {@code 1}, off {@code 0}.</li>
 * </ul>
 * Used from one thread (the control loop).
 */
public final class SysfsSwitch {
    /** Read-back tolerance for PWM levels: some drivers round the duty cycle to their register's steps. */
    public static final int PWM_TOLERANCE = 3;
    private static final Quantity LEVEL = Quantity.plain("level", "", 0, 1e9);

    private final SysfsRef ref;
    private final int onLevel;

    /**
     * @param ref     the actuator
     * @param onLevel the PWM level (1..255) for "on" ({@code hwmon} only)
     * @param key     the config key of {@code ref}, for errors
     * @throws ConfigException when the reference cannot be switched
     */
    public SysfsSwitch(SysfsRef ref, int onLevel, String key) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.onLevel = onLevel;
        switch (ref.kind()) {
            case HWMON -> {
                if (!ref.attribute().matches("pwm\\d+")) {
                    throw new ConfigException(key, "'" + ref + "' is not a PWM output (expected hwmon:CHIP/pwmN)");
                }
                if (onLevel < 1 || onLevel > 255) {
                    throw new ConfigException(key, "on level " + onLevel + " must be in [1, 255]");
                }
            }
            case COOLING, PATH -> {
                // switchable as they are
            }
            default -> throw new ConfigException(key, "'" + ref + "' cannot be switched; use hwmon:CHIP/pwmN, "
                    + "cooling:TYPE or path:REL");
        }
    }

    /** The actuator's reference. */
    public SysfsRef ref() {
        return ref;
    }

    /**
     * The switch's state as read back now.
     *
     * @param on     true/false when read, {@code null} when unreadable
     * @param fault  why it could not be read, or {@code null}
     * @param detail explanation ({@code ""} when read)
     */
    public record State(Boolean on, FaultCode fault, String detail) {
    }

    /** Reads the switch's state. Never throws. */
    public State read(SysfsTree tree) {
        Optional<Path> target = ref.resolve(tree, null);
        if (target.isEmpty()) {
            return new State(null, FaultCode.SENSOR_MISSING, ref + ": not found under " + tree.root());
        }
        Path p = target.get();
        return switch (ref.kind()) {
            case HWMON -> {
                AttrRead enable = tree.read(p.resolveSibling(p.getFileName() + "_enable"));
                if (enable.ok() && enable.text().equals("0")) {
                    yield new State(true, null, "");
                }
                Sample level = LEVEL.parse(tree.read(p));
                yield level.good() ? new State(level.value() > onLevel / 2.0, null, "")
                        : new State(null, level.fault(), level.detail());
            }
            case COOLING -> {
                Sample cur = LEVEL.parse(tree.read(p, "cur_state"));
                yield cur.good() ? new State(cur.value() > 0, null, "") : new State(null, cur.fault(), cur.detail());
            }
            default -> {
                AttrRead v = tree.read(p);
                yield v.ok() ? new State(v.text().equals("1"), null, "") : new State(null, v.fault(), v.detail());
            }
        };
    }

    /**
     * Switches on or off and verifies by reading back. Never throws.
     *
     * @param device  the device name for the fault (e.g. {@code loop-a})
     * @param command the command name for the fault (e.g. {@code setPump})
     */
    public CommandResult set(SysfsTree tree, boolean on, String device, String command, Instant at) {
        Optional<Path> target = ref.resolve(tree, null);
        if (target.isEmpty()) {
            return fail(FaultCode.COMMAND_REJECTED, device, command, ref + ": not found under " + tree.root(), at);
        }
        Path p = target.get();
        String expected;
        Path written;
        switch (ref.kind()) {
            case HWMON -> {
                Path enable = p.resolveSibling(p.getFileName() + "_enable");
                if (tree.exists(enable)) {
                    AttrRead mode = tree.read(enable);
                    if (!mode.ok() || !mode.text().equals("1")) {
                        AttrWrite w = tree.write(enable, "1");
                        if (!w.ok()) {
                            return fail(w.fault(), device, command, w.detail(), at);
                        }
                    }
                }
                expected = Integer.toString(on ? onLevel : 0);
                written = p;
            }
            case COOLING -> {
                Sample max = LEVEL.parse(tree.read(p, "max_state"));
                if (!max.good()) {
                    return fail(FaultCode.COMMAND_REJECTED, device, command, "cannot read max_state: " + max.detail(), at);
                }
                expected = Long.toString(on ? (long) max.value() : 0);
                written = p.resolve("cur_state");
            }
            default -> {
                expected = on ? "1" : "0";
                written = p;
            }
        }
        AttrWrite w = tree.write(written, expected);
        if (!w.ok()) {
            return fail(w.fault(), device, command, w.detail(), at);
        }
        AttrRead back = tree.read(written);
        if (!back.ok()) {
            return fail(FaultCode.COMMAND_NOT_VERIFIED, device, command, "read-back failed: " + back.detail(), at);
        }
        boolean agrees;
        if (ref.kind() == SysfsRef.Kind.HWMON) {
            Sample level = LEVEL.parse(back);
            agrees = level.good() && Math.abs(level.value() - Double.parseDouble(expected)) <= PWM_TOLERANCE;
        } else {
            agrees = back.text().equals(expected);
        }
        if (!agrees) {
            return fail(FaultCode.COMMAND_NOT_VERIFIED, device, command, String.format(Locale.ROOT,
                    "wrote %s to %s, read back '%s'", expected, written, back.text()), at);
        }
        return CommandResult.success();
    }

    private static CommandResult fail(FaultCode code, String device, String command, String detail, Instant at) {
        return CommandResult.failure(new HalFault(code, device, command, detail, at));
    }
}
