package io.sunsync.ground.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON text read back from a database (a whole message, or a value a JSON path picked out of
 * one), turned into Jackson nodes the same way for every backend. Thread safe.
 */
public final class JsonText {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
    }

    /** The node for {@code text}; a missing node for SQL NULL (no such value). */
    public static JsonNode node(String text) {
        if (text == null) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store returned text that is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A string map as a JSON object's text. */
    public static String object(Map<String, String> map) {
        return JSON.valueToTree(map).toString();
    }

    /** A JSON object's text as a string map (values as text); empty for null. */
    public static Map<String, String> map(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        node(text).fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
