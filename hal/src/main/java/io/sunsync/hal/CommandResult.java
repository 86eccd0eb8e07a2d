package io.sunsync.hal;

import java.util.Optional;

/**
 * The outcome of a command to hardware, verified by reading back where the device allows.
 *
 * @param ok     true when the command took effect and the read-back agrees
 * @param fault  the fault when {@code ok} is false, otherwise {@code null}
 */
public record CommandResult(boolean ok, HalFault fault) {
    public CommandResult {
        if (ok == (fault != null)) {
            throw new IllegalArgumentException("a result carries a fault exactly when it is not ok");
        }
    }

    /** A successful, verified command. */
    public static CommandResult success() {
        return new CommandResult(true, null);
    }

    /** A failed command with the fault explaining why. */
    public static CommandResult failure(HalFault fault) {
        return new CommandResult(false, fault);
    }

    /** The fault, if the command failed. */
    public Optional<HalFault> failure() {
        return Optional.ofNullable(fault);
    }
}
