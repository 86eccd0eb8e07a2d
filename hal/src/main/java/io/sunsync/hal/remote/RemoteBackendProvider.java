package io.sunsync.hal.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.hal.nav.NavigationSpec;
import io.sunsync.hal.power.PowerSystem;
import io.sunsync.hal.power.PowerSystemSpec;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.thermal.ThermalSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code remote} backend: power, thermal, accelerator and navigation devices served by a
 * hardware-in-the-loop server ({@code ./sunsync sim hil}) over TCP, so flight on a real board
 * can mix simulated devices with real ones device by device. Settings under
 * {@code hardware.backends.remote}: {@code host}, {@code port}, {@code timeoutMs}. The devices
 * learn their specs from the server while the hardware is assembled, so an unreachable
 * server stops the launcher with a config error; later outages become faults.
 */
public final class RemoteBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "remote";
    }

    private static RemoteLink link(BackendContext context) {
        return context.shared("remote.link", RemoteLink.class,
                () -> new RemoteLink(context.settings("remote", RemoteSettings.class)));
    }

    private static JsonNode fetch(BackendContext context, String op) {
        RemoteLink link = link(context);
        try {
            return link.call(op, null);
        } catch (RemoteException e) {
            throw new ConfigException(context.settingsKey("remote"), "HIL server " + link.address() + " did not answer '"
                    + op + "': " + e.getMessage());
        }
    }

    private static <T> T fetch(BackendContext context, String op, Class<T> type) {
        try {
            return RemoteLink.convert(fetch(context, op), type);
        } catch (RemoteException e) {
            throw new ConfigException(context.settingsKey("remote"), e.getMessage());
        }
    }

    @Override
    public PowerSystem powerSystem(ObjectNode options, BackendContext context) {
        return new RemotePowerSystem(link(context), fetch(context, "power.spec", PowerSystemSpec.class),
                context.timeSource());
    }

    @Override
    public ThermalControl thermalControl(ObjectNode options, BackendContext context) {
        return new RemoteThermalControl(link(context), fetch(context, "thermal.spec", ThermalSpec.class),
                context.timeSource());
    }

    @Override
    public NavigationReceiver navigation(ObjectNode options, BackendContext context) {
        return new RemoteNavigationReceiver(link(context), fetch(context, "nav.spec", NavigationSpec.class),
                context.timeSource());
    }

    @Override
    public List<AcceleratorBoard> accelerators(ObjectNode options, BackendContext context) {
        JsonNode list = fetch(context, "boards.list");
        List<AcceleratorBoard> boards = new ArrayList<>();
        for (JsonNode n : list) {
            try {
                boards.add(new RemoteAcceleratorBoard(link(context), RemoteLink.convert(n, BoardSpec.class),
                        context.timeSource()));
            } catch (RemoteException e) {
                throw new ConfigException(context.settingsKey("remote"), e.getMessage());
            }
        }
        return boards;
    }
}
