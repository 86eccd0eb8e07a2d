package io.sunsync.flight.jobs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sunsync.hal.config.ConfigReader;
import java.nio.charset.StandardCharsets;

/**
 * Strict parser for job specs in JSON or YAML: unknown fields, duplicate keys, wrong types
 * (no string-to-number coercion), trailing data and specs over {@link #MAX_SPEC_BYTES} are all
 * refused with a {@link JobSpecException} carrying a {@link JobRejectReason} and the field.
 * Stateless and thread safe.
 */
public final class JobSpecParser {
    /** Largest spec accepted, in bytes of UTF-8. */
    public static final int MAX_SPEC_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = strict(JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
    private static final ObjectMapper YAML = strict(YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private JobSpecParser() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS);
        // No silent coercion: "5" is not a number, 5 is not a string, 1 is not a boolean.
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Parses a JSON spec. */
    public static JobSpec parseJson(String text) {
        return parse(text, JSON, "JSON");
    }

    /** Parses a YAML spec. */
    public static JobSpec parseYaml(String text) {
        return parse(text, YAML, "YAML");
    }

    /** Writes {@code spec} as JSON that {@link #parseJson} reads back to an equal spec. */
    public static String toJson(JobSpec spec) {
        try {
            return JSON.writerFor(JobSpec.class).writeValueAsString(spec);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot encode job spec " + spec.id(), e);
        }
    }

    private static JobSpec parse(String text, ObjectMapper mapper, String format) {
        if (text == null || text.isBlank()) {
            throw new JobSpecException(JobRejectReason.MALFORMED, "", "empty job spec");
        }
        if (text.length() > MAX_SPEC_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_SPEC_BYTES) {
            throw new JobSpecException(JobRejectReason.MALFORMED, "", "job spec larger than " + MAX_SPEC_BYTES + " bytes");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(text);
        } catch (JacksonException e) {
            throw new JobSpecException(JobRejectReason.MALFORMED, "", "malformed " + format + ": " + firstLine(e));
        }
        if (tree == null || !tree.isObject()) {
            throw new JobSpecException(JobRejectReason.MALFORMED, "", "a job spec is a " + format + " object");
        }
        try {
            JobSpec spec = mapper.readValue(text, JobSpec.class);
            if (spec == null) {
                throw new JobSpecException(JobRejectReason.MALFORMED, "", "empty job spec");
            }
            return spec;
        } catch (JacksonException e) {
            throw translate(e);
        }
    }

    private static JobSpecException translate(JacksonException e) {
        String path = e instanceof JsonMappingException m ? ConfigReader.keyPath(m) : "";
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof JobSpecException j) {
                // A nested record's field is named relative to the spec already (e.g. boards.count).
                return j;
            }
            cause = cause.getCause();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return new JobSpecException(JobRejectReason.UNKNOWN_FIELD, path, "unknown field '" + u.getPropertyName()
                    + "' (known: " + u.getKnownPropertyIds() + ")");
        }
        if (e instanceof ValueInstantiationException v) {
            return new JobSpecException(JobRejectReason.BAD_VALUE, path, String.valueOf(v.getOriginalMessage()));
        }
        if (e instanceof InvalidFormatException f) {
            return new JobSpecException(JobRejectReason.BAD_VALUE, path, "'" + f.getValue() + "' is not a valid "
                    + (f.getTargetType() == null ? "value" : f.getTargetType().getSimpleName()));
        }
        if (e instanceof MismatchedInputException m) {
            return new JobSpecException(JobRejectReason.BAD_VALUE, path, "wrong type, expected "
                    + (m.getTargetType() == null ? "another value" : m.getTargetType().getSimpleName()));
        }
        if (e instanceof JsonMappingException) {
            return new JobSpecException(JobRejectReason.BAD_VALUE, path, firstLine(e));
        }
        return new JobSpecException(JobRejectReason.MALFORMED, path, firstLine(e));
    }

    private static String firstLine(JacksonException e) {
        String msg = e.getOriginalMessage();
        return msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse("");
    }
}
