package io.sunsync.hal.remote;

import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.nav.NavigationChecks;
import io.sunsync.hal.nav.NavigationFix;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.hal.nav.NavigationSpec;
import io.sunsync.hal.time.TimeSource;

/**
 * The {@code remote} navigation receiver: the receiver of a hardware-in-the-loop server
 * ({@code nav.read}). What the server sends is checked here as any receiver's solution is
 * ({@link NavigationChecks}); when the server cannot be reached the fix carries no solution and a
 * {@link FaultCode#SENSOR_IO_ERROR} fault. Threading as {@link RemoteLink}.
 */
public final class RemoteNavigationReceiver implements NavigationReceiver {
    static final String DEVICE = "navigation";
    private final RemoteLink link;
    private final NavigationSpec spec;
    private final TimeSource time;

    RemoteNavigationReceiver(RemoteLink link, NavigationSpec spec, TimeSource time) {
        this.link = link;
        this.spec = spec;
        this.time = time;
    }

    @Override
    public NavigationSpec spec() {
        return spec;
    }

    @Override
    public NavigationFix read() {
        try {
            return NavigationChecks.check(RemoteLink.convert(link.call("nav.read", null), NavigationFix.class), spec,
                    DEVICE);
        } catch (RemoteException e) {
            return NavigationFix.none(time.now(), new HalFault(FaultCode.SENSOR_IO_ERROR, DEVICE, "read", e.getMessage(),
                    time.now()));
        }
    }
}
