package io.sunsync.hal;

/**
 * Typed HAL faults: what went wrong reading or commanding a device. The flight side acts on
 * the code (limit monitors, isolation, sensor fallback), never on message text.
 */
public enum FaultCode {
    /** The file, attribute or device the backend expects is absent. */
    SENSOR_MISSING,
    /** The backend may not read or write it (EACCES / EPERM). */
    SENSOR_PERMISSION,
    /** The value could not be parsed in the expected format. */
    SENSOR_UNPARSABLE,
    /** The value parsed to NaN or infinity. */
    SENSOR_NAN,
    /** The value lies outside the physical bounds of the quantity. */
    SENSOR_OUT_OF_RANGE,
    /** The value has not changed for longer than the sensor's stuck limit. */
    SENSOR_STUCK,
    /** The value was not refreshed within its expected period. */
    SENSOR_STALE,
    /** Reading the device raised an I/O error. */
    SENSOR_IO_ERROR,
    /** A command to the device did not finish within its time limit. */
    COMMAND_TIMEOUT,
    /** The device or its driver refused a command. */
    COMMAND_REJECTED,
    /** A command completed but reading back did not show the commanded state. */
    COMMAND_NOT_VERIFIED,
    /** A command argument lies outside what the device accepts. */
    COMMAND_OUT_OF_RANGE,
    /** The device stopped responding (hang). */
    DEVICE_HUNG,
    /** The device reported uncorrectable memory errors or an Xid-like error. */
    DEVICE_ERROR,
    /** The device is throttling itself for temperature or power reasons. */
    DEVICE_THROTTLED,
    /** The device is off, disabled or isolated. */
    DEVICE_OFFLINE,
    /** A navigation receiver has no position solution (too few satellites, still acquiring). */
    NAV_NO_FIX,
    /**
     * A navigation fix that cannot be an orbit: its position and velocity disagree with each other
     * (no bound orbit near the Earth has them) though each lies within its range.
     */
    NAV_INCONSISTENT
}
