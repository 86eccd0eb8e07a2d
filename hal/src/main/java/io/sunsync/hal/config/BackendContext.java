package io.sunsync.hal.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.hal.time.TimeSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a backend may use while it builds devices: the folder the config file lives in (to
 * resolve relative paths), its own shared settings, the mission time source, and a place to
 * keep one shared object per backend (the sim harness keeps its single satellite model there,
 * so every simulated device reads the same physics). Used on one thread during assembly.
 */
public final class BackendContext {
    private final Path configDir;
    private final HardwareConfig config;
    private final String keyPrefix;
    private final Map<String, Object> shared = new HashMap<>();
    private TimeSource timeSource;

    BackendContext(Path configDir, HardwareConfig config, String keyPrefix) {
        this.configDir = Objects.requireNonNull(configDir, "configDir");
        this.config = Objects.requireNonNull(config, "config");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /** Resolves a path from the config file against the config file's folder. */
    public Path resolve(String path) {
        return configDir.resolve(path).normalize();
    }

    /** The settings shared by all devices of {@code backend} ({@code hardware.backends.<name>}); empty if absent. */
    public ObjectNode settings(String backend) {
        ObjectNode node = config.backends().get(backend);
        return node == null ? JsonNodeFactory.instance.objectNode() : node;
    }

    /**
     * The settings shared by all devices of {@code backend}, read as {@code type}; errors name
     * the full key (e.g. {@code hardware.backends.sim.seed}).
     */
    public <T> T settings(String backend, Class<T> type) {
        return ConfigReader.convert(settings(backend), type, keyPrefix + ".backends." + backend);
    }

    /**
     * The full dotted key of {@code backend}'s shared settings (e.g. {@code hardware.backends.sim}),
     * for errors a backend finds in them after reading (e.g. in a file they name).
     */
    public String settingsKey(String backend) {
        return keyPrefix + ".backends." + backend;
    }

    /** The mission time source; available once the clock device has been built. */
    public TimeSource timeSource() {
        if (timeSource == null) {
            throw new IllegalStateException("the clock is built first; no time source yet");
        }
        return timeSource;
    }

    void timeSource(TimeSource source) {
        this.timeSource = source;
    }

    /** The object shared under {@code key}, created by {@code factory} on first use. */
    public <T> T shared(String key, Class<T> type, Supplier<T> factory) {
        return type.cast(shared.computeIfAbsent(key, k -> factory.get()));
    }
}
