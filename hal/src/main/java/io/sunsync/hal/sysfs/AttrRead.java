package io.sunsync.hal.sysfs;

import io.sunsync.hal.FaultCode;
import java.nio.file.Path;

/**
 * The outcome of reading one attribute: its text (trimmed) or the fault that stopped the read.
 *
 * @param path   the attribute file
 * @param text   the trimmed text, or {@code null} when the read failed
 * @param fault  why the read failed, or {@code null} when it worked
 * @param detail a short explanation of the failure for operators ({@code ""} when it worked)
 */
public record AttrRead(Path path, String text, FaultCode fault, String detail) {

    /** True when the text was read. */
    public boolean ok() {
        return fault == null;
    }

    /** True when the attribute does not exist (an optional attribute a driver does not provide). */
    public boolean missing() {
        return fault == FaultCode.SENSOR_MISSING;
    }

    /** The text, or {@code fallback} when the read failed. */
    public String textOr(String fallback) {
        return ok() ? text : fallback;
    }
}
