package io.sunsync.hal.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.config.BackendContext;
import io.sunsync.hal.config.BackendProvider;
import io.sunsync.hal.config.ConfigException;

/** The {@code system} backend: wall-clock mission time for real boards. */
public final class SystemClockProvider implements BackendProvider {
    @Override
    public String name() {
        return "system";
    }

    @Override
    public TimeSource timeSource(ObjectNode options, BackendContext context) {
        if (!options.isEmpty()) {
            throw new ConfigException("options." + options.fieldNames().next(), "unknown key (the system clock takes no options)");
        }
        return new SystemTimeSource();
    }
}
