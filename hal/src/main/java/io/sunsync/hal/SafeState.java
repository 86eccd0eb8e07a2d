package io.sunsync.hal;

import java.util.List;
import java.util.Objects;

/**
 * A device's declared safe state, as Pi4J declares a shutdown state for each output: what every
 * commandable output of the device is driven to when the flight software stops and when it enters
 * safe mode. Each capability declares its own ({@code safeState()}) and drives the device there
 * ({@code applySafeState()}, through its ordinary verified commands, so every backend honours it).
 * Immutable.
 *
 * @param outputs each output and its setting there, in the order they are driven; empty when the
 *                device has nothing to command
 * @param note    what the safe state means for this device, in a sentence (for logs and docs)
 */
public record SafeState(List<Output> outputs, String note) {
    public SafeState {
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(note, "note");
    }

    /**
     * One output's safe setting.
     *
     * @param output  the output, e.g. {@code enabled}, {@code loop-a.pump}
     * @param setting its setting in the safe state, e.g. {@code false}, {@code on}
     */
    public record Output(String output, String setting) {
        public Output {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(setting, "setting");
        }
    }

    /** A device with no output to command: its safe state is whatever it is. */
    public static SafeState nothingToCommand(String note) {
        return new SafeState(List.of(), note);
    }

    /** True when applying this safe state sends no command. */
    public boolean commandsNothing() {
        return outputs.isEmpty();
    }

    /** The outputs as {@code output=setting, ...}, or the note when there are none (for logs). */
    @Override
    public String toString() {
        if (outputs.isEmpty()) {
            return "nothing to command (" + note + ")";
        }
        StringBuilder sb = new StringBuilder();
        for (Output o : outputs) {
            sb.append(sb.isEmpty() ? "" : ", ").append(o.output()).append('=').append(o.setting());
        }
        return sb.toString();
    }
}
