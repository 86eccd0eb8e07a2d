package io.sunsync.hal.sysfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sunsync.hal.config.ConfigReader;

/** Reads a backend's options from YAML text the way a provider does, so errors name {@code options.KEY}. */
public final class YamlOptions {
    private YamlOptions() {
    }

    public static <T> T read(String yaml, Class<T> type) {
        JsonNode tree;
        try {
            tree = new YAMLMapper().readTree(yaml);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
        return ConfigReader.convert(tree == null || tree.isMissingNode() || tree.isNull()
                ? ConfigReader.jsonMapper().createObjectNode() : tree, type, "options");
    }
}
