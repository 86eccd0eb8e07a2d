package io.sunsync.hal.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.time.TimeSource;

/** Sends a command over a {@link RemoteLink} and turns every outcome into a {@link CommandResult}. */
final class RemoteCommands {
    private RemoteCommands() {
    }

    static CommandResult send(RemoteLink link, String op, ObjectNode args, String device, TimeSource time) {
        String command = op.substring(op.indexOf('.') + 1);
        try {
            return RemoteLink.convert(link.call(op, args), CommandResult.class);
        } catch (RemoteException e) {
            FaultCode code = e.transport() ? FaultCode.COMMAND_TIMEOUT : FaultCode.COMMAND_REJECTED;
            return CommandResult.failure(new HalFault(code, device, command, e.getMessage(), time.now()));
        }
    }
}
