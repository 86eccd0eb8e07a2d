package io.sunsync.hal.sysfs;

import io.sunsync.hal.FaultCode;

/**
 * The outcome of writing one attribute.
 *
 * @param fault  why the write failed ({@link FaultCode#COMMAND_REJECTED} for a refusal by the
 *               kernel or driver, including permission errors), or {@code null} when it worked
 * @param detail a short explanation for operators ({@code ""} when it worked)
 */
public record AttrWrite(FaultCode fault, String detail) {
    static final AttrWrite OK = new AttrWrite(null, "");

    /** True when the kernel accepted the write. */
    public boolean ok() {
        return fault == null;
    }
}
