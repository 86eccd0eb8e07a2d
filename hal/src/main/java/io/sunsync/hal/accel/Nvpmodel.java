package io.sunsync.hal.accel;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.sysfs.ExternalCommand;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * NVIDIA's {@code nvpmodel} on a Jetson: lists the power modes ({@code -p --verbose}), names the
 * mode in force ({@code -q}) and sets one ({@code -m ID}, root). Each run has a time limit after
 * which the tool is killed; its stdin is empty, so a mode change that wants a reboot (nvpmodel asks
 * on stdin) is not confirmed and reported as such. Never throws.
 *
 * <p>Threading: methods are synchronized (one nvpmodel at a time).
 */
public final class Nvpmodel {
    private final String path;
    private final Duration timeout;

    /**
     * @param path    the tool (a name looked up on PATH, or a path)
     * @param timeout the limit per run
     */
    public Nvpmodel(String path, Duration timeout) {
        this.path = Objects.requireNonNull(path, "path");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The modes, or why not.
     *
     * @param modes  the modes, in the conf file's order
     * @param fault  why the list could not be had ({@code null} when it could)
     * @param detail what went wrong ({@code ""} when fine)
     */
    public record Modes(List<NvpmodelOutput.Mode> modes, FaultCode fault, String detail) {
    }

    /**
     * The mode in force, or why not.
     *
     * @param current the mode (null when it could not be read)
     * @param fault   why not ({@code null} when read)
     * @param detail  what went wrong ({@code ""} when fine)
     */
    public record Query(NvpmodelOutput.Current current, FaultCode fault, String detail) {
        /** True when the mode was read. */
        public boolean ok() {
            return current != null;
        }
    }

    /**
     * What a mode change gave.
     *
     * @param fault  why it failed ({@code null} when the tool took it)
     * @param detail what went wrong ({@code ""} when fine)
     */
    public record Set(FaultCode fault, String detail) {
        /** True when the tool took the change (read it back with {@link #query()}). */
        public boolean ok() {
            return fault == null;
        }
    }

    /** {@code nvpmodel -p --verbose}. */
    public synchronized Modes modes() {
        ExternalCommand.Outcome out = ExternalCommand.run(List.of(path, "-p", "--verbose"), timeout);
        String problem = problem(out, "-p --verbose");
        if (problem != null) {
            return new Modes(List.of(), fault(out), problem);
        }
        List<NvpmodelOutput.Mode> modes = NvpmodelOutput.modes(out.text());
        if (modes.isEmpty()) {
            return new Modes(modes, FaultCode.SENSOR_UNPARSABLE, path + " -p --verbose listed no POWER_MODEL: '"
                    + NvidiaSmiCsv.shorten(out.firstLine()) + "'");
        }
        return new Modes(modes, null, "");
    }

    /** {@code nvpmodel -q}. */
    public synchronized Query query() {
        ExternalCommand.Outcome out = ExternalCommand.run(List.of(path, "-q"), timeout);
        String problem = problem(out, "-q");
        if (problem != null) {
            return new Query(null, fault(out), problem);
        }
        return NvpmodelOutput.current(out.text()).map(c -> new Query(c, null, ""))
                .orElseGet(() -> new Query(null, FaultCode.SENSOR_UNPARSABLE, path + " -q named no mode: '"
                        + NvidiaSmiCsv.shorten(out.firstLine()) + "'"));
    }

    /** {@code nvpmodel -m ID}; does not read back (callers do, with {@link #query()}). */
    public synchronized Set set(int id) {
        ExternalCommand.Outcome out = ExternalCommand.run(List.of(path, "-m", Integer.toString(id)), timeout);
        String problem = problem(out, "-m " + id);
        if (problem != null) {
            return new Set(out.timedOut() ? FaultCode.COMMAND_TIMEOUT
                    : out.launchError() != null || !permission(out) ? FaultCode.COMMAND_REJECTED
                    : FaultCode.SENSOR_PERMISSION, problem);
        }
        if (NvpmodelOutput.error(out.text())) {
            return new Set(FaultCode.COMMAND_REJECTED, path + " -m " + id + ": " + line(out.text(), "NVPM ERROR"));
        }
        if (NvpmodelOutput.needsReboot(out.text())) {
            return new Set(FaultCode.COMMAND_REJECTED, path + " -m " + id + " needs a reboot, which flight does not do: "
                    + line(out.text(), "eboot"));
        }
        return new Set(null, "");
    }

    /** The tool's path or name. */
    public String path() {
        return path;
    }

    private String problem(ExternalCommand.Outcome out, String args) {
        if (out.launchError() != null) {
            return out.launchError();
        }
        if (out.timedOut()) {
            return String.format(Locale.ROOT, "%s %s did not finish within %.1f s; killed", path, args,
                    timeout.toMillis() / 1000.0);
        }
        if (out.exitCode() != 0) {
            return path + " " + args + " exited with " + out.exitCode() + ": " + NvidiaSmiCsv.shorten(out.firstLine());
        }
        return null;
    }

    private static FaultCode fault(ExternalCommand.Outcome out) {
        if (out.launchError() != null) {
            return FaultCode.SENSOR_MISSING;
        }
        if (out.timedOut()) {
            return FaultCode.COMMAND_TIMEOUT;
        }
        return permission(out) ? FaultCode.SENSOR_PERMISSION : FaultCode.SENSOR_IO_ERROR;
    }

    private static boolean permission(ExternalCommand.Outcome out) {
        String t = out.text().toLowerCase(Locale.ROOT);
        return t.contains("permission") || t.contains("root") || t.contains("sudo");
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().map(NvidiaSmiCsv::shorten).orElse("");
    }
}
