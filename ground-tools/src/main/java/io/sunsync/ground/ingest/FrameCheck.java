package io.sunsync.ground.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.OutputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.sunsync.ground.archive.ArchiveLayout;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import io.sunsync.ground.store.QuarantineReason;
import io.sunsync.ground.store.QuarantinedFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place a received frame is judged before it is stored: a frame either becomes an
 * {@link ArchiveRecord} or a {@link QuarantinedFrame} with the reason, never an exception and never
 * silently dropped. Steps, in order (the first that fails decides):
 * <ol>
 *   <li>topic: {@code sunsync/{sat}/…} with a usable satellite id ({@link QuarantineReason#BAD_TOPIC});</li>
 *   <li>verification of the payload's origin, when a {@link Verifier} is given (telemetry
 *       authentication slots in here);</li>
 *   <li>UTF-8 JSON, one value and nothing after it ({@link QuarantineReason#NOT_JSON}), without NUL characters, which databases
 *       cannot store ({@link QuarantineReason#UNSTORABLE});</li>
 *   <li>the kind's ICD JSON Schema ({@code docs/icd/schemas}; {@link QuarantineReason#SCHEMA_VIOLATION}):
 *       hk, evt, birth, tc-ack, dict, result-manifest, result-eof, result-chunk;</li>
 *   <li>the payload's {@code sat}, where it has one, is the topic's ({@link QuarantineReason#SATELLITE_MISMATCH});</li>
 *   <li>the mission time {@code t} of hk, evt, birth and tc-ack is an instant ({@link QuarantineReason#BAD_TIME}).</li>
 * </ol>
 *
 * <p>Threading: thread safe (schemas are compiled once and shared).
 */
public final class FrameCheck {
    /** The {@code $id} prefix of every ICD schema. */
    public static final String SCHEMA_BASE = "https://sunsync.dev/icd/schemas/";
    private static final Map<String, String> SCHEMA_OF_KIND = Map.of("hk", "hk.schema.json", "evt", "evt.schema.json",
            "birth", "birth.schema.json", "tc-ack", "tc-report.schema.json", "dict", "dict.schema.json",
            "result-manifest", "results-manifest.schema.json", "result-eof", "results-eof.schema.json",
            "result-chunk", "results-chunk.schema.json");
    private static final Set<String> TIMED = Set.of("hk", "evt", "birth", "tc-ack");
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaIdResolvers(r -> r.mapPrefix(SCHEMA_BASE, "classpath:icd/schemas/")));
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    /** Refuses text after the value: the stores write the text as received, which must be the value parsed. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Verifier verifier;

    /**
     * Checks a frame's origin before anything else is read from it (e.g. a MAC over the payload).
     * Implementations are thread safe.
     */
    @FunctionalInterface
    public interface Verifier {
        /** Null if {@code r} is genuine, else why not. */
        Problem check(Received r);
    }

    /**
     * Why a frame was refused.
     *
     * @param reason the code
     * @param detail what exactly, for an operator
     */
    public record Problem(QuarantineReason reason, String detail) {
    }

    /** What {@link #check} decided: exactly one of {@code record} and {@code quarantined} is set. */
    public record Verdict(ArchiveRecord record, QuarantinedFrame quarantined) {
        /** True if the frame is stored as telemetry. */
        public boolean accepted() {
            return record != null;
        }
    }

    /** A check without origin verification. */
    public FrameCheck() {
        this(null);
    }

    /** @param verifier checks each frame's origin first, or null for none */
    public FrameCheck(Verifier verifier) {
        this.verifier = verifier;
    }

    /** The ICD schema of an archive kind, or null if the ICD defines none. */
    public static String schemaOf(String kind) {
        return SCHEMA_OF_KIND.get(kind);
    }

    /** Judges {@code r}, received at {@code rx}. */
    public Verdict check(Received r, Instant rx) {
        String sat = r.sat();
        String kind = sat == null ? null : ArchiveRecord.kindOf(r.subtopic());
        if (sat == null || !ArchiveLayout.isSafeName(sat)) {
            return refuse(r, rx, sat, kind, QuarantineReason.BAD_TOPIC, sat == null
                    ? "topic '" + r.topic() + "' is not under sunsync/{sat}/" : "satellite id '" + sat + "' in the topic is not usable");
        }
        if (verifier != null) {
            Problem p = verifier.check(r);
            if (p != null) {
                return refuse(r, rx, sat, kind, p.reason(), p.detail());
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(r.payload())).toString();
        } catch (CharacterCodingException e) {
            return refuse(r, rx, sat, kind, QuarantineReason.NOT_JSON, "the payload is not UTF-8");
        }
        if (text.indexOf('\0') >= 0 || text.contains("\\u0000")) {
            return refuse(r, rx, sat, kind, QuarantineReason.UNSTORABLE, "the payload holds a NUL character");
        }
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return refuse(r, rx, sat, kind, QuarantineReason.NOT_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (msg == null || msg.isMissingNode()) {
            return refuse(r, rx, sat, kind, QuarantineReason.NOT_JSON, "the payload is empty");
        }
        String schemaFile = SCHEMA_OF_KIND.get(kind);
        if (schemaFile != null) {
            Schema schema = schema(schemaFile);
            // The tree parsed above, not the text again: one parse per frame.
            Boolean valid = schema.validate(msg, OutputFormat.BOOLEAN);
            if (!Boolean.TRUE.equals(valid)) {
                List<Error> errors = schema.validate(msg);
                String first = errors.isEmpty() ? "invalid" : errors.get(0).toString();
                return refuse(r, rx, sat, kind, QuarantineReason.SCHEMA_VIOLATION, schemaFile + ": " + first
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
            }
        }
        JsonNode claimed = msg.path("sat");
        if (claimed.isTextual() && !claimed.asText().equals(sat)) {
            return refuse(r, rx, sat, kind, QuarantineReason.SATELLITE_MISMATCH, "the payload says sat '" + claimed.asText()
                    + "', the topic '" + sat + "'");
        }
        if (TIMED.contains(kind)) {
            try {
                Instant.parse(msg.path("t").asText());
            } catch (DateTimeParseException e) {
                return refuse(r, rx, sat, kind, QuarantineReason.BAD_TIME, "t '" + msg.path("t").asText()
                        + "' is not an ISO-8601 instant");
            }
        }
        return new Verdict(Objects.requireNonNull(ArchiveRecord.of(r, msg, text, rx)), null);
    }

    private static Verdict refuse(Received r, Instant rx, String sat, String kind, QuarantineReason reason, String detail) {
        return new Verdict(null, new QuarantinedFrame(rx, r.topic(), sat, kind, reason, detail, r.payload(),
                r.userProperties()));
    }

    private static Schema schema(String file) {
        return SCHEMAS.computeIfAbsent(file, f -> {
            Schema s = REGISTRY.getSchema(SchemaLocation.of(SCHEMA_BASE + f));
            s.initializeValidators();
            return s;
        });
    }
}
