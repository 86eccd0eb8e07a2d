package io.sunsync.flight.cmd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import io.sunsync.flight.cmd.auth.KeyCheck;
import io.sunsync.flight.cmd.auth.KeyRing;
import io.sunsync.flight.cmd.auth.ReplayWindow;
import io.sunsync.flight.cmd.auth.SignedCommand;
import io.sunsync.flight.icd.IcdSchemas;
import io.sunsync.flight.link.InboundMessage;
import io.sunsync.flight.logging.RateLimitedLog;
import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every telecommand received on {@code sunsync/{sat}/tc} and either rejects it with a
 * reason or accepts it and hands it to the {@link CommandExecutor}. Nothing is dropped silently:
 * every message gets a report, garbage included (with what could be identified of it). The
 * checks, in order (the first that fails decides the reason):
 * <ol>
 *   <li>size ({@code OVERSIZED}); well-formed UTF-8 JSON without duplicate keys ({@code MALFORMED});
 *       envelope schema ({@code SCHEMA_VIOLATION});</li>
 *   <li>key id and HMAC-SHA256 over the exact {@code cmd} bytes, compared in constant time
 *       ({@code UNKNOWN_KEY}, {@code KEY_REVOKED}, {@code BAD_MAC});</li>
 *   <li>command schema ({@code SCHEMA_VIOLATION}); satellite id ({@code WRONG_SATELLITE});</li>
 *   <li>anti-replay window ({@code REPLAY}; an identical redelivered copy of a recent command is
 *       answered with its latest report, marked duplicate, and does nothing). The window moves,
 *       durably, only now: after the MAC and before anything acts;</li>
 *   <li>validity window in mission time ({@code NOT_YET_VALID}, {@code EXPIRED});</li>
 *   <li>command known ({@code UNKNOWN_COMMAND}); arguments ({@code SCHEMA_VIOLATION},
 *       {@code ARG_OUT_OF_RANGE}); mode ({@code NOT_ALLOWED_IN_MODE}); arm token for critical
 *       commands ({@code NOT_ARMED}); queue room ({@code BUSY}).</li>
 * </ol>
 *
 * <p>Threading: {@link #onMessage} runs on the link's inbound thread, one message at a time.
 */
public final class CommandDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper STRICT = JsonMapper.builder(
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()).build();
    /** Recent ground commands whose MAC is remembered, to tell a redelivered copy from a replay. */
    public static final int REMEMBERED = 4096;

    private final String satelliteId;
    private final TimeSource time;
    private final CommandRegistry registry;
    private final KeyRing keys;
    private final ReplayWindow replay;
    private final ArmTokens arms;
    private final ModeControl modes;
    private final VerificationReporter reporter;
    private final CommandCounters counters;
    private final CommandExecutor executor;
    private final int maxPayloadBytes;
    /** Whether the message being handled moved the anti-replay window (it owns its sequence number). */
    private boolean windowMoved;
    /**
     * Where reports of the message being handled go: {@code tc/ack} until its MAC has verified,
     * then its response topic. An unauthenticated message must not choose where the satellite
     * publishes: each distinct topic would become an outbox stream (found by the security
     * campaign: 14,000 forged response topics made 14,010 streams).
     */
    private ReplyTo replyTo;
    /**
     * Refusals are logged at most 20 lines per 10 s, then counted by reason (a flood of forged
     * commands once wrote one INFO line each).
     */
    private final RateLimitedLog refusalLog = RateLimitedLog.info(LOG);
    private final Map<Long, byte[]> recentMacs = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
            if (size() > REMEMBERED) {
                counters.evicted(CommandCounters.Memory.RECENT_COMMANDS);
                return true;
            }
            return false;
        }
    };

    public CommandDispatcher(String satelliteId, TimeSource time, CommandRegistry registry, KeyRing keys,
                             ReplayWindow replay, ArmTokens arms, ModeControl modes, VerificationReporter reporter,
                             CommandCounters counters, CommandExecutor executor, int maxPayloadBytes) {
        this.satelliteId = satelliteId;
        this.time = time;
        this.registry = registry;
        this.keys = keys;
        this.replay = replay;
        this.arms = arms;
        this.modes = modes;
        this.reporter = reporter;
        this.counters = counters;
        this.executor = executor;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** A refusal on the way through the checks. */
    private static final class Refused extends Exception {
        final RejectReason reason;
        final Long seq;
        final String name;
        final Map<String, Object> data;

        Refused(RejectReason reason, String message, Long seq, String name, Map<String, Object> data) {
            super(message, null, false, false);
            this.reason = reason;
            this.seq = seq;
            this.name = name;
            this.data = data;
        }
    }

    /** Handles one telecommand message. */
    public synchronized void onMessage(InboundMessage message) {
        counters.received();
        replyTo = reporter.unauthenticatedReplyTo(message);
        windowMoved = false;
        try {
            dispatch(message);
        } catch (Refused r) {
            counters.rejected(r.reason);
            refusalLog.log(r.reason.name(), "command rejected: {} {} (seq {}, {})", r.reason, r.getMessage(), r.seq,
                    r.name);
            // Only the command that took the sequence number may set what a redelivered copy of it is
            // answered: a forged or replayed message carrying the same number must not (found by the
            // hostile campaign: a replay's REPLAY overwrote the original's report).
            reporter.send(replyTo, new VerificationReport(satelliteId, time.now(), r.seq, r.name, Stage.REJECTED,
                    r.reason.name(), r.getMessage(), null, r.data, Origin.GROUND, false), windowMoved);
        } catch (RuntimeException e) {
            // A flight bug must not let a command through nor go unanswered.
            LOG.error("command dispatch failed", e);
            counters.rejected(RejectReason.MALFORMED);
            reporter.send(replyTo, new VerificationReport(satelliteId, time.now(), null, null, Stage.REJECTED,
                    RejectReason.MALFORMED.name(), "could not be processed: " + e.getClass().getSimpleName(), null,
                    identify(message.payload()), Origin.GROUND, false));
        }
    }

    /**
     * Writes the summary of refusals the log suppressed, once its window has ended (the commanding
     * rate group calls this, so a flood that stops is still summed up).
     */
    public void flushRefusalLog() {
        refusalLog.flush();
    }

    /** Refusal log lines suppressed so far (counted by reason in the summary lines). */
    public long refusalLinesSuppressed() {
        return refusalLog.suppressed();
    }

    private void dispatch(InboundMessage message) throws Refused {
        byte[] payload = message.payload();
        if (payload.length > maxPayloadBytes) {
            throw new Refused(RejectReason.OVERSIZED, payload.length + " bytes, limit " + maxPayloadBytes, null, null,
                    identify(payload));
        }
        SignedCommand signed;
        try {
            signed = SignedCommand.parse(payload);
        } catch (SignedCommand.EnvelopeException e) {
            if (e.malformed()) {
                throw new Refused(RejectReason.MALFORMED, e.getMessage(), null, null, identify(payload));
            }
            throw new Refused(RejectReason.SCHEMA_VIOLATION, "envelope: " + schemaProblem(IcdSchemas.TC, payload)
                    .orElse(e.getMessage()), null, null, identify(payload));
        }
        Optional<String> envelopeProblem = schemaProblem(IcdSchemas.TC, payload);
        if (envelopeProblem.isPresent()) {
            throw new Refused(RejectReason.SCHEMA_VIOLATION, "envelope: " + envelopeProblem.get(), null, null,
                    identify(payload));
        }
        KeyCheck keyCheck = keys.check(signed.kid(), signed.signed(), signed.mac());
        if (keyCheck != KeyCheck.OK) {
            Map<String, Object> data = identify(payload);
            claimed(signed.signed(), data);
            throw new Refused(RejectReason.valueOf(keyCheck.name()), switch (keyCheck) {
                case UNKNOWN_KEY -> "key " + signed.kid() + " is not the active key";
                case KEY_REVOKED -> "key " + signed.kid() + " was revoked";
                default -> "MAC does not verify";
            }, null, null, data);
        }
        // Authenticated from here on: the sender may choose where its reports go.
        replyTo = reporter.replyTo(message);
        JsonNode cmd;
        try {
            cmd = STRICT.readTree(signed.signed());
        } catch (IOException e) {
            throw new Refused(RejectReason.MALFORMED, "cmd: " + e.getMessage(), null, null, identify(payload));
        }
        Long seq = cmd.path("seq").canConvertToExactIntegral() && cmd.path("seq").canConvertToLong()
                ? cmd.path("seq").asLong() : null;
        String name = cmd.path("name").isTextual() ? cmd.path("name").asText() : null;
        Optional<String> cmdProblem = first(IcdSchemas.validate(IcdSchemas.TC_CMD, cmd));
        if (cmdProblem.isPresent()) {
            throw new Refused(RejectReason.SCHEMA_VIOLATION, "cmd: " + cmdProblem.get(), seq, name, Map.of());
        }
        if (!satelliteId.equals(cmd.get("sat").asText())) {
            throw new Refused(RejectReason.WRONG_SATELLITE, "signed for " + cmd.get("sat").asText() + ", this is "
                    + satelliteId, seq, name, Map.of());
        }
        ReplayWindow.Verdict verdict = replay.check(seq);
        if (verdict != ReplayWindow.Verdict.FRESH) {
            byte[] mac = recentMacs.get(seq);
            Optional<VerificationReport> last = reporter.latest(seq);
            if (mac != null && MessageDigest.isEqual(mac, signed.mac()) && last.isPresent()) {
                counters.duplicate();
                reporter.send(replyTo, last.get().asDuplicate(time.now()));
                return;
            }
            throw new Refused(RejectReason.REPLAY, verdict == ReplayWindow.Verdict.SEEN
                    ? "sequence number " + seq + " already used"
                    : "sequence number " + seq + " is older than the anti-replay window (last " + replay.last() + ")",
                    seq, name, Map.of());
        }
        try {
            replay.accept(seq);
        } catch (IOException e) {
            LOG.error("anti-replay state cannot be persisted; refusing commands", e);
            throw new Refused(RejectReason.STORAGE_FAILURE, "anti-replay state cannot be persisted", seq, name, Map.of());
        }
        windowMoved = true;
        recentMacs.put(seq, signed.mac());
        Instant now = time.now();
        try {
            if (cmd.has("notBefore") && now.isBefore(Instant.parse(cmd.get("notBefore").asText()))) {
                throw new Refused(RejectReason.NOT_YET_VALID, "valid from " + cmd.get("notBefore").asText()
                        + ", mission time is " + now, seq, name, Map.of());
            }
            if (now.isAfter(Instant.parse(cmd.get("expires").asText()))) {
                throw new Refused(RejectReason.EXPIRED, "expired at " + cmd.get("expires").asText()
                        + ", mission time is " + now, seq, name, Map.of());
            }
        } catch (DateTimeParseException e) {
            throw new Refused(RejectReason.SCHEMA_VIOLATION, "notBefore/expires must be ISO-8601 UTC instants",
                    seq, name, Map.of());
        }
        CommandSpec spec = registry.find(name).orElseThrow(() -> new Refused(RejectReason.UNKNOWN_COMMAND,
                "no command " + name + " in the dictionary", seq, name, Map.of()));
        JsonNode args = cmd.get("args");
        Optional<Rejection> argProblem = registry.checkArgs(spec, args);
        if (argProblem.isPresent()) {
            throw new Refused(argProblem.get().reason(), argProblem.get().message(), seq, name, Map.of());
        }
        String mode = modes.currentMode();
        if ((!spec.modes().isEmpty() && !spec.modes().contains(mode)) || !modes.allows(name)) {
            throw new Refused(RejectReason.NOT_ALLOWED_IN_MODE, name + " is allowed in " + spec.modes()
                    + ", mode is " + mode, seq, name, Map.of());
        }
        if (spec.execution() == CommandSpec.Execution.CONTROL_LOOP && !executor.hasRoom()) {
            throw new Refused(RejectReason.BUSY, "command queue full", seq, name, Map.of());
        }
        if (spec.isCritical(args)) {
            String token = cmd.has("arm") ? cmd.get("arm").asText() : null;
            String problem = arms.consume(token, name, args, now);
            if (problem != null) {
                throw new Refused(RejectReason.NOT_ARMED, problem, seq, name, Map.of());
            }
        }
        counters.accepted();
        reporter.send(replyTo, new VerificationReport(satelliteId, now, seq, name, Stage.ACCEPTED, null, "", null,
                Map.of(), Origin.GROUND, false));
        Execution execution = new Execution(spec, args, seq, Origin.GROUND, replyTo, null);
        if (spec.execution() == CommandSpec.Execution.IMMEDIATE) {
            executor.execute(execution);
        } else if (!executor.enqueue(execution)) {
            // Cannot happen with one inbound thread (room was checked), but never lose it silently.
            executor.execute(execution);
        }
    }

    private static Optional<String> schemaProblem(String schemaFile, byte[] json) {
        return first(IcdSchemas.validate(schemaFile, new String(json, StandardCharsets.UTF_8)));
    }

    private static Optional<String> first(List<Error> errors) {
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0).getMessage());
    }

    /** What can be said about a payload that cannot be trusted: its size and hash. */
    static Map<String, Object> identify(byte[] payload) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("payloadBytes", payload.length);
        try {
            data.put("payloadSha256", HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(payload)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return data;
    }

    /** Adds the sequence number and name a not-authenticated command claims, if readable. */
    private static void claimed(byte[] signed, Map<String, Object> data) {
        try {
            JsonNode cmd = STRICT.readTree(signed);
            if (cmd.path("seq").canConvertToLong()) {
                data.put("claimedSeq", cmd.path("seq").asLong());
            }
            if (cmd.path("name").isTextual() && cmd.path("name").asText().length() <= 64) {
                data.put("claimedName", cmd.path("name").asText());
            }
        } catch (IOException e) {
            // nothing more to identify
        }
    }
}
