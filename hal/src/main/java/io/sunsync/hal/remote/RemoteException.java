package io.sunsync.hal.remote;

/**
 * A request to the hardware-in-the-loop server failed. Never leaves the {@code remote}
 * devices: they turn it into a {@link io.sunsync.hal.HalFault}.
 */
public final class RemoteException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean transport;

    /** @param transport true when the server could not be reached or did not answer, false when it refused */
    public RemoteException(boolean transport, String message) {
        super(message);
        this.transport = transport;
    }

    /** True when the server could not be reached or did not answer in time. */
    public boolean transport() {
        return transport;
    }
}
