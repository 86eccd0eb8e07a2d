package io.sunsync.flight.icd;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ICD's JSON Schemas (draft 2020-12), loaded from the class path and compiled once. The
 * files in {@code docs/icd/schemas} are the one source of truth: flight's build copies them to
 * {@code icd/schemas/} on its class path.
 *
 * <p>Thread safe: compiled schemas are immutable and validation keeps no state.
 */
public final class IcdSchemas {
    /** The {@code $id} prefix of every ICD schema. */
    public static final String BASE = "https://sunsync.dev/icd/schemas/";

    /** Telecommand envelope. */
    public static final String TC = "tc.schema.json";
    /** Signed command inside the envelope. */
    public static final String TC_CMD = "tc-cmd.schema.json";
    /** Verification report. */
    public static final String TC_REPORT = "tc-report.schema.json";
    /** Dictionary. */
    public static final String DICT = "dict.schema.json";
    /** Housekeeping frame. */
    public static final String HK = "hk.schema.json";
    /** Event. */
    public static final String EVT = "evt.schema.json";
    /** Presence. */
    public static final String BIRTH = "birth.schema.json";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix(BASE, "classpath:icd/schemas/")));
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private IcdSchemas() {
    }

    /** The compiled schema of ICD file {@code file}, e.g. {@link #TC}. */
    public static Schema schema(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            Schema s = REGISTRY.getSchema(SchemaLocation.of(BASE + f));
            s.initializeValidators();
            return s;
        });
    }

    /** Compiles a schema given as JSON text (e.g. a command's generated argument schema). */
    public static Schema compile(String schemaJson) {
        Schema s = REGISTRY.getSchema(schemaJson, InputFormat.JSON);
        s.initializeValidators();
        return s;
    }

    /** Validates {@code json} against ICD file {@code file}; an empty list means valid. */
    public static List<Error> validate(String file, String json) {
        return schema(file).validate(json, InputFormat.JSON);
    }

    /** Validates an already parsed {@code json} against ICD file {@code file}; an empty list means valid. */
    public static List<Error> validate(String file, JsonNode json) {
        return schema(file).validate(json);
    }
}
