package io.sunsync.ground.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dotted paths into JSON telemetry: {@code power.socPct}, {@code rates.housekeeping.cycles}
 * (array elements that carry a {@code name} are addressed by it, others by index:
 * {@code items[2].x}). Stateless.
 */
public final class JsonPaths {
    private JsonPaths() {
    }

    /** Every leaf of {@code node} by dotted path, in document order. */
    public static Map<String, JsonNode> flatten(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode el = node.get(i);
                String name = el.isObject() && el.path("name").isTextual() ? el.path("name").asText() : null;
                String key = name != null && name.matches("[A-Za-z0-9_-]+") ? prefix + "." + name : prefix + "[" + i + "]";
                if (name != null && el.isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> it = el.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (!e.getKey().equals("name")) {
                            flatten(key + "." + e.getKey(), e.getValue(), out);
                        }
                    }
                } else {
                    flatten(key, el, out);
                }
            }
        } else {
            out.put(prefix, node);
        }
    }

    /** The value at a dotted path, or a missing node. */
    public static JsonNode at(JsonNode root, String path) {
        JsonNode direct = walk(root, path);
        if (!direct.isMissingNode()) {
            return direct;
        }
        JsonNode v = flatten(root).get(path);
        return v == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : v;
    }

    /** The value at a dotted path through objects only (no array addressing), or a missing node. */
    public static JsonNode walk(JsonNode root, String path) {
        JsonNode n = root;
        int from = 0;
        while (n != null && !n.isMissingNode()) {
            int dot = path.indexOf('.', from);
            n = n.path(dot < 0 ? path.substring(from) : path.substring(from, dot));
            if (dot < 0) {
                return n;
            }
            from = dot + 1;
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /**
     * True if walking {@code path} through objects meets an array before its end (so the point
     * may be addressed by name or index inside it, and only {@link #flatten} finds it).
     */
    public static boolean reachesArray(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            if (n.isArray()) {
                return true;
            }
            n = n.path(part.contains("[") ? part.substring(0, part.indexOf('[')) : part);
            if (n.isMissingNode()) {
                return false;
            }
        }
        return n.isArray();
    }

    /** A number as a double: numbers, and the strings {@code NaN}, {@code Infinity}, {@code -Infinity}; NaN otherwise. */
    public static double number(JsonNode v) {
        if (v == null) {
            return Double.NaN;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    return Double.NaN;
            }
        }
        if (v.isBoolean()) {
            return v.asBoolean() ? 1 : 0;
        }
        return Double.NaN;
    }
}
