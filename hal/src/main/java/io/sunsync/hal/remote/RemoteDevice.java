package io.sunsync.hal.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.time.TimeSource;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One device of a hardware-in-the-loop server as its {@code remote} backend talks to it: the spec
 * the server gave at start, and calls over the shared {@link RemoteLink} whose every outcome is
 * typed. A read the server does not answer becomes the backend's failed reading with a
 * {@link FaultCode#SENSOR_IO_ERROR} fault; a command becomes a {@link CommandResult}
 * ({@link FaultCode#COMMAND_TIMEOUT} when the server cannot be reached, {@link FaultCode#COMMAND_REJECTED}
 * when it refuses). Threading as {@link RemoteLink}.
 *
 * @param <S> the capability's spec record
 */
abstract class RemoteDevice<S> {
    private final RemoteLink link;
    private final S spec;
    private final String device;
    private final TimeSource time;

    /**
     * @param device the device name in read faults, e.g. {@code power} or a board's id
     */
    RemoteDevice(RemoteLink link, S spec, String device, TimeSource time) {
        this.link = Objects.requireNonNull(link, "link");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.device = Objects.requireNonNull(device, "device");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** The spec the server gave. */
    public S spec() {
        return spec;
    }

    /**
     * Calls {@code op} and reads its answer as a {@code type}, passed through {@code answered}; when the
     * server cannot be reached or its answer does not convert, what {@code unreachable} makes of a
     * {@link FaultCode#SENSOR_IO_ERROR} fault on this device. Never throws.
     */
    final <T> T read(String op, ObjectNode args, Class<T> type, UnaryOperator<T> answered,
                     Function<HalFault, T> unreachable) {
        T answer;
        try {
            answer = RemoteLink.convert(link.call(op, args), type);
        } catch (RemoteException e) {
            return unreachable.apply(new HalFault(FaultCode.SENSOR_IO_ERROR, device, "read", e.getMessage(), time.now()));
        }
        return answered.apply(answer);
    }

    /**
     * Sends the command {@code op} (e.g. {@code board.setCap}) and turns every outcome into a
     * {@link CommandResult}; a fault names {@code subject} (the board, the loop) and the command
     * ({@code op} after its dot). Never throws.
     */
    final CommandResult send(String op, ObjectNode args, String subject) {
        String command = op.substring(op.indexOf('.') + 1);
        try {
            return RemoteLink.convert(link.call(op, args), CommandResult.class);
        } catch (RemoteException e) {
            FaultCode code = e.transport() ? FaultCode.COMMAND_TIMEOUT : FaultCode.COMMAND_REJECTED;
            return CommandResult.failure(new HalFault(code, subject, command, e.getMessage(), time.now()));
        }
    }

    /** Now, on the backend's clock. */
    final Instant now() {
        return time.now();
    }
}
