package io.sunsync.hal.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads YAML ({@code .yaml}, {@code .yml}) or JSON config files into validated records.
 * Unknown keys, wrong types and values rejected by a record's constructor all become a
 * {@link ConfigException} naming the dotted key and, where known, the line. Stateless and
 * thread safe.
 */
public final class ConfigReader {
    private static final ObjectMapper YAML = configure(new YAMLMapper(new YAMLFactory()));
    private static final ObjectMapper JSON = configure(new JsonMapper());

    private ConfigReader() {
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** Reads {@code file} as {@code type}; the format follows the file's extension. */
    public static <T> T read(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage(), e);
        }
        return parse(text, isJson(file), type, file.getFileName().toString());
    }

    /** Parses {@code text} as {@code type}; {@code source} names it in errors. */
    public static <T> T parse(String text, boolean json, Class<T> type, String source) {
        ObjectMapper mapper = json ? JSON : YAML;
        try {
            // Syntax first, so a malformed file is reported as such rather than as the first
            // mapping error Jackson meets while reading it lazily.
            mapper.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(source, "malformed " + (json ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + at(e), e);
        }
        try {
            T value = mapper.readValue(text, type);
            if (value == null) {
                throw new ConfigException(source, "is empty");
            }
            return value;
        } catch (JacksonException e) {
            throw translate(e, source);
        }
    }

    /** Converts an already-parsed tree (e.g. a backend's options) into {@code type}, naming keys under {@code prefix}. */
    public static <T> T convert(JsonNode node, Class<T> type, String prefix) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JacksonException e) {
            ConfigException inner = translate(e, prefix);
            throw new ConfigException(prefix.isEmpty() ? inner.key() : prefix + "." + inner.key(),
                    inner.reason(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(prefix, e.getMessage(), e);
        }
    }

    /** The shared JSON mapper (lenient defaults disabled), for code that builds option trees. */
    public static ObjectMapper jsonMapper() {
        return JSON;
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase().endsWith(".json");
    }

    static ConfigException translate(JacksonException e, String source) {
        String path = e instanceof JsonMappingException jme ? keyPath(jme) : "";
        String where = path.isEmpty() ? source : path;
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new ConfigException(where, "unknown key" + (known.isEmpty() ? "" : " (known keys here: " + known + ")")
                    + at(e), e);
        }
        if (e instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            if (cause instanceof ConfigException c) {
                return new ConfigException(path.isEmpty() ? c.key() : path + "." + c.key(), c.reason() + at(e), e);
            }
            String reason = cause == null ? v.getOriginalMessage() : cause.getMessage();
            return new ConfigException(where, reason + at(e), e);
        }
        if (e instanceof InvalidFormatException f) {
            return new ConfigException(where, "'" + f.getValue() + "' is not "
                    + simpleType(f.getTargetType()) + at(e), e);
        }
        if (e instanceof MismatchedInputException m) {
            return new ConfigException(where, "wrong type or shape, expected " + simpleType(m.getTargetType()) + at(e), e);
        }
        if (e instanceof JsonMappingException m && m.getCause() instanceof ConfigException c) {
            return new ConfigException(path.isEmpty() ? c.key() : path + "." + c.key(), c.reason() + at(e), e);
        }
        return new ConfigException(where, "malformed: " + e.getOriginalMessage() + at(e), e);
    }

    private static String simpleType(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder sb = new StringBuilder("one of [");
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i]);
            }
            return sb.append(']').toString();
        }
        if (type == double.class || type == Double.class || type == float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping (" + type.getSimpleName() + ")";
    }

    private static String at(JacksonException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() <= 0 ? "" : " (line " + loc.getLineNr() + ")";
    }

    /**
     * The key a mapping error is about, as the config's dotted path with list indexes
     * ({@code link.outbox.maxBytes}, {@code jobs[2].boards}); empty for the document itself. The one
     * definition for every reader that names the key a refusal is about.
     */
    public static String keyPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
