package io.sunsync.hal.accel;

import io.sunsync.hal.FaultCode;

/**
 * NVML's return codes ({@code nvmlReturn_t} in nvml.h, docs.nvidia.com/deploy/nvml-api) and the
 * {@link FaultCode} each becomes, on a reading and on a command. A code this build does not know
 * is {@link #UNRECOGNIZED}. Stateless.
 */
public enum NvmlReturn {
    /** The call worked. */
    SUCCESS(0, null, null),
    /** NVML was not initialised (or was shut down). */
    UNINITIALIZED(1, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** A bad argument; for a set limit: outside the device's constraints. */
    INVALID_ARGUMENT(2, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_OUT_OF_RANGE),
    /** The device has no such sensor or control. */
    NOT_SUPPORTED(3, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** Not allowed (setting a power limit needs root). */
    NO_PERMISSION(4, FaultCode.SENSOR_PERMISSION, FaultCode.SENSOR_PERMISSION),
    /** Deprecated: NVML counts initialisations now. */
    ALREADY_INITIALIZED(5, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** No such object (e.g. no GPU with this UUID). */
    NOT_FOUND(6, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** A buffer too small. */
    INSUFFICIENT_SIZE(7, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** The GPU's external power cables are not properly attached. */
    INSUFFICIENT_POWER(8, FaultCode.DEVICE_ERROR, FaultCode.DEVICE_ERROR),
    /** The NVIDIA driver is not loaded. */
    DRIVER_NOT_LOADED(9, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** The call timed out in the driver. */
    TIMEOUT(10, FaultCode.COMMAND_TIMEOUT, FaultCode.COMMAND_TIMEOUT),
    /** The kernel detected an interrupt problem with the GPU. */
    IRQ_ISSUE(11, FaultCode.DEVICE_ERROR, FaultCode.DEVICE_ERROR),
    /** A library NVML needs could not be found. */
    LIBRARY_NOT_FOUND(12, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** The function is not in this version of the library. */
    FUNCTION_NOT_FOUND(13, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** The GPU's infoROM is corrupted. */
    CORRUPTED_INFOROM(14, FaultCode.DEVICE_ERROR, FaultCode.DEVICE_ERROR),
    /** The GPU has fallen off the bus or is otherwise inaccessible. */
    GPU_IS_LOST(15, FaultCode.DEVICE_HUNG, FaultCode.DEVICE_HUNG),
    /** The GPU needs a reset before it can be used again. */
    RESET_REQUIRED(16, FaultCode.DEVICE_HUNG, FaultCode.DEVICE_HUNG),
    /** An operating system call failed. */
    OPERATING_SYSTEM(17, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** The library does not match the kernel driver's version (after a driver update without a reboot). */
    LIB_RM_VERSION_MISMATCH(18, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** The operation cannot run while the GPU is in use. */
    IN_USE(19, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** Out of memory. */
    MEMORY(20, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** No data yet. */
    NO_DATA(21, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** ECC is not supported on this vGPU. */
    VGPU_ECC_NOT_SUPPORTED(22, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** Out of critical resources other than memory. */
    INSUFFICIENT_RESOURCES(23, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** The frequency is not supported. */
    FREQ_NOT_SUPPORTED(24, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_OUT_OF_RANGE),
    /** The structure version passed is not supported. */
    ARGUMENT_VERSION_MISMATCH(25, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** The functionality is deprecated. */
    DEPRECATED(26, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** The system is not ready for the request. */
    NOT_READY(27, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** No GPUs were found. */
    GPU_NOT_FOUND(28, FaultCode.SENSOR_MISSING, FaultCode.COMMAND_REJECTED),
    /** The resource is not in the right state for the operation. */
    INVALID_STATE(29, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** The reset type is not supported. */
    RESET_TYPE_NOT_SUPPORTED(30, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** An internal driver error. */
    UNKNOWN(999, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED),
    /** A code this build does not know (a newer driver). */
    UNRECOGNIZED(-1, FaultCode.SENSOR_IO_ERROR, FaultCode.COMMAND_REJECTED);

    private static final NvmlReturn[] BY_CODE = new NvmlReturn[31];

    static {
        for (NvmlReturn r : values()) {
            if (r.code >= 0 && r.code < BY_CODE.length) {
                BY_CODE[r.code] = r;
            }
        }
    }

    private final int code;
    private final FaultCode readFault;
    private final FaultCode commandFault;

    NvmlReturn(int code, FaultCode readFault, FaultCode commandFault) {
        this.code = code;
        this.readFault = readFault;
        this.commandFault = commandFault;
    }

    /** The code a call returned. */
    public static NvmlReturn of(int code) {
        if (code >= 0 && code < BY_CODE.length && BY_CODE[code] != null) {
            return BY_CODE[code];
        }
        return code == UNKNOWN.code ? UNKNOWN : UNRECOGNIZED;
    }

    /** nvml.h's number ({@code -1} for {@link #UNRECOGNIZED}). */
    public int code() {
        return code;
    }

    /** True for {@link #SUCCESS}. */
    public boolean ok() {
        return this == SUCCESS;
    }

    /** The fault a reading gets when a query returns this code (null for success). */
    public FaultCode readFault() {
        return readFault;
    }

    /** The fault a command gets when it returns this code (null for success). */
    public FaultCode commandFault() {
        return commandFault;
    }

    /** True when the GPU is gone or needs a reset: the board is {@link BoardState#HUNG}. */
    public boolean gpuLost() {
        return this == GPU_IS_LOST || this == RESET_REQUIRED;
    }

    /** The constant's name as nvml.h spells it, e.g. {@code NVML_ERROR_GPU_IS_LOST}. */
    public String cName() {
        return this == SUCCESS ? "NVML_SUCCESS" : this == UNRECOGNIZED ? "unrecognized code" : "NVML_ERROR_" + name();
    }
}
