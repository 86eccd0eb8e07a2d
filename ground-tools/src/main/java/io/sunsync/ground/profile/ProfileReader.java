package io.sunsync.ground.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads a {@link GroundProfile} from YAML strictly: unknown keys, wrong types and values the
 * records refuse all become a {@link ProfileException} naming the dotted key and the line.
 * Stateless; thread safe.
 */
public final class ProfileReader {
    private static final ObjectMapper YAML = new YAMLMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private ProfileReader() {
    }

    /** Reads the profile in {@code file}. */
    public static GroundProfile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ProfileException(ProfileError.NOT_FOUND, file.toString(), "no such profile file");
        } catch (IOException e) {
            throw new ProfileException(ProfileError.UNREADABLE, file.toString(), "cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses profile YAML; {@code source} names it in errors. An empty document is the default profile. */
    public static GroundProfile parse(String yaml, String source) {
        try {
            if (YAML.readTree(yaml) == null || YAML.readTree(yaml).isMissingNode()) {
                return GroundProfile.defaults();
            }
        } catch (JacksonException e) {
            throw new ProfileException(ProfileError.MALFORMED, source, "malformed YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + line(e));
        }
        try {
            GroundProfile p = YAML.readValue(yaml, GroundProfile.class);
            return p == null ? GroundProfile.defaults() : p;
        } catch (JacksonException e) {
            throw translate(e, source, yaml);
        }
    }

    private static ProfileException translate(JacksonException e, String source, String yaml) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        ProfileException inner = findProfileException(e);
        if (inner != null) {
            return new ProfileException(inner.code(), path.isEmpty() ? inner.key() : path + "." + inner.key(),
                    inner.reason() + line(e));
        }
        String where = path.isEmpty() ? source : path;
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return new ProfileException(ProfileError.UNKNOWN_KEY, where, "unknown key"
                    + (known.isEmpty() ? "" : " (known here: " + known + ")") + keyLine(yaml, u.getPropertyName(), e));
        }
        return new ProfileException(ProfileError.INVALID, where, "wrong type or shape: "
                + e.getOriginalMessage().lines().findFirst().orElse("") + line(e));
    }

    private static ProfileException findProfileException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProfileException p) {
                return p;
            }
        }
        return null;
    }

    /** The line a key is written on (Jackson reports where the parser stood, often the next line). */
    private static String keyLine(String yaml, String key, JacksonException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(^|[{,\\s])" + java.util.regex.Pattern.quote(key) + "\\s*:",
                java.util.regex.Pattern.MULTILINE).matcher(yaml);
        if (m.find()) {
            return " (line " + (yaml.substring(0, m.start()).chars().filter(ch -> ch == '\n').count() + 1) + ")";
        }
        return line(e);
    }

    private static String line(JacksonException e) {
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() <= 0 ? "" : " (line " + loc.getLineNr() + ")";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() > 0 ? "." : "").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
