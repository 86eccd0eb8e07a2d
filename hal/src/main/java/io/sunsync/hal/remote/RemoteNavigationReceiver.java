package io.sunsync.hal.remote;

import io.sunsync.hal.FaultCode;
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
public final class RemoteNavigationReceiver extends RemoteDevice<NavigationSpec> implements NavigationReceiver {
    static final String DEVICE = "navigation";

    RemoteNavigationReceiver(RemoteLink link, NavigationSpec spec, TimeSource time) {
        super(link, spec, DEVICE, time);
    }

    @Override
    public NavigationFix read() {
        return read("nav.read", null, NavigationFix.class, fix -> NavigationChecks.check(fix, spec(), DEVICE),
                f -> NavigationFix.none(f.at(), f));
    }
}
