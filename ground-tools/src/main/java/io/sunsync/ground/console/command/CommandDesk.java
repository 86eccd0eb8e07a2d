package io.sunsync.ground.console.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.command.CommandDefinition;
import io.sunsync.ground.command.CommandSession;
import io.sunsync.ground.command.RefusedException;
import io.sunsync.ground.command.SatelliteContext;
import io.sunsync.ground.command.SequenceCounter;
import io.sunsync.ground.command.StationKeys;
import io.sunsync.ground.command.VerificationReport;
import io.sunsync.ground.console.live.FleetState;
import io.sunsync.ground.console.live.SatelliteSnapshot;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.tc.CommandSigner;
import io.sunsync.ground.tmauth.TelemetryKeys;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Where the console's operators command satellites. A request is checked against the
 * satellite's dictionary (names, types, ranges, enums, mode) before anything is sent; it is
 * signed here with the key the operator profile names, so keys never reach a browser; it goes
 * out on the satellite's {@link SatelliteLine}, and the request returns as soon as it is sent
 * (or refused) while the line follows it to its final report. Critical commands take three
 * requests: {@link #arm}, then {@link #execute} with the satellite's id typed as the explicit
 * confirmation, by the same operator. Every step goes into the {@link AuditLog}; what the
 * satellite answers reaches the {@link CommandBoard} through the console's ingest.
 *
 * <p>Thread safe: request threads call in; each satellite's commands run on its line's thread.
 */
public final class CommandDesk implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ARMED = 256;

    private final Supplier<ConnectSettings> connections;
    private final LoadedProfile profile;
    private final TelemetryKeys telemetryKeys;
    private final SequenceCounter seqs;
    private final CommandBoard history;
    private final AuditLog audit;
    private final FleetState fleet;
    private final Clock clock;
    private final Timing timing;
    private final Map<String, SatelliteLine> lines = new ConcurrentHashMap<>();
    private final Map<String, ArmedCommand> armed = new LinkedHashMap<>();
    private final ScheduledExecutorService tending = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-tc-tend");
        t.setDaemon(true);
        return t;
    });

    /**
     * How commands are timed.
     *
     * @param valid    how long a command stays valid, from the satellite's mission time (also its MQTT expiry)
     * @param timeout  how long to follow a command for its final report
     * @param dictWait how long a new line waits for the satellite's retained dictionary and housekeeping
     * @param idle     a line unused this long is closed
     */
    public record Timing(Duration valid, Duration timeout, Duration dictWait, Duration idle) {
    }

    /** Who asks: the operator's name and address (for the audit log). */
    public record Operator(String user, String remote) {
    }

    /**
     * A command that went out.
     *
     * @param seq       its sequence number
     * @param historyId its command-history entry
     * @param name      the command
     */
    public record Sent(long seq, long historyId, String name) {
    }

    /**
     * @param connections fresh connection settings for each line (a new client id each time)
     * @param profile     the operator profile (its command keys)
     * @param seqs        the station's sequence numbers
     */
    public CommandDesk(Supplier<ConnectSettings> connections, LoadedProfile profile, SequenceCounter seqs,
                       CommandBoard history, AuditLog audit, FleetState fleet, Clock clock, Timing timing) {
        this.connections = connections;
        this.profile = profile;
        this.telemetryKeys = TelemetryKeys.fromProfile(profile);
        this.seqs = seqs;
        this.history = history;
        this.audit = audit;
        this.fleet = fleet;
        this.clock = clock;
        this.timing = timing;
        tending.scheduleWithFixedDelay(() -> lines.values().forEach(l -> l.tend(timing.idle())), 1, 1, TimeUnit.SECONDS);
    }

    /** Checks {@code name} with {@code args} for {@code sat} as it is known now; refusals are audited. */
    public CommandDefinition check(Operator op, String sat, String name, JsonNode args) throws DeskException {
        SatelliteContext ctx = context(sat);
        try {
            if (args == null || !args.isObject()) {
                throw new RefusedException(io.sunsync.ground.command.Refusal.BAD_ARGUMENT, "arguments must be a JSON object");
            }
            return CommandSession.check(ctx, name, args);
        } catch (RefusedException e) {
            throw refused(op, sat, name, e);
        }
    }

    /** Checks and signs, and returns the exact envelope that would be sent (pretty-printed); sends nothing. */
    public ObjectNode dryRun(Operator op, String sat, String name, ObjectNode args) throws DeskException {
        CommandDefinition def = check(op, sat, name, args);
        SatelliteContext ctx = context(sat);
        try {
            CommandSigner signer = StationKeys.signer(profile, sat, null, null, ctx);
            long seq = seqs.peek(sat, ctx.lastSeq() + 1);
            byte[] envelope = signer.sign(CommandSession.signed(ctx, clock, seq, name, args, null, timing.valid()));
            ObjectNode a = audit.entry(op.user(), "DRY_RUN");
            a.put("remote", op.remote()).put("sat", sat).put("name", name).put("seq", seq)
                    .put("payloadSha256", AuditLog.sha256(envelope));
            a.set("args", args);
            audit.write(a);
            ObjectNode out = JSON.createObjectNode();
            out.put("envelope", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(envelope)));
            out.put("payloadBytes", envelope.length);
            out.put("payloadSha256", AuditLog.sha256(envelope));
            out.put("seq", seq);
            out.put("critical", def.alwaysCritical() ? "always" : def.criticalDepends() ? "depends" : "never");
            return out;
        } catch (RefusedException e) {
            throw refused(op, sat, name, e);
        } catch (java.io.IOException e) {
            throw new DeskException("INTERNAL", 500, e.getMessage());
        }
    }

    /**
     * Sends a command that is not always critical and returns once it is out; the line follows
     * it to its end and then hands the result to {@code then} (on the line's thread).
     */
    public Sent send(Operator op, String sat, String name, ObjectNode args, Consumer<CommandSession.Result> then)
            throws DeskException {
        CommandDefinition def = check(op, sat, name, args);
        if (def.alwaysCritical()) {
            throw new DeskException("CRITICAL", 409, name + " is critical: arm it, confirm, then execute");
        }
        CompletableFuture<Sent> sent = new CompletableFuture<>();
        SatelliteLine line = line(sat);
        line.run(() -> follow(line, op, sat, name, args, null, sent, then));
        return await(sent);
    }

    /**
     * Arms critical command {@code name} with {@code args}: sends {@code arm} and waits for its
     * final report. The token stays here; the page gets the returned command's id.
     */
    public ArmedCommand arm(Operator op, String sat, String name, ObjectNode args) throws DeskException {
        CommandDefinition def = check(op, sat, name, args);
        if (!def.alwaysCritical() && !def.criticalDepends()) {
            throw new DeskException("NOT_CRITICAL", 409, name + " is not a critical command: send it");
        }
        CompletableFuture<ArmedCommand> done = new CompletableFuture<>();
        SatelliteLine line = line(sat);
        line.run(() -> {
            try {
                CommandSession s = line.session();
                CommandSigner signer = StationKeys.signer(profile, sat, null, null, s.context());
                ObjectNode armArgs = JSON.createObjectNode().put("command", name);
                armArgs.set("args", args);
                CommandSession.Result r = s.arm(signer, seqs, name, args, timing.valid(), timing.timeout(),
                        listener(op, sat, armArgs, null));
                outcome(op, sat, "arm", r);
                if (!r.completed()) {
                    done.completeExceptionally(new DeskException("ARM_FAILED", 422, "arm of " + name + ": "
                            + (r.last() == null ? "no final report within " + timing.timeout().toSeconds() + " s"
                            : r.last().line())));
                    return;
                }
                JsonNode data = r.last().data();
                ArmedCommand a = new ArmedCommand(randomId(), sat, op.user(), name, args, CommandSession.armToken(r),
                        data.path("expires").asText(""), clock.millis());
                synchronized (armed) {
                    armed.put(a.id(), a);
                    Iterator<String> it = armed.keySet().iterator();
                    while (armed.size() > MAX_ARMED) {
                        it.next();
                        it.remove();
                    }
                }
                ObjectNode e = audit.entry(op.user(), "ARMED");
                e.put("remote", op.remote()).put("sat", sat).put("name", name).put("armSeq", r.seq())
                        .put("expires", a.expires());
                audit.write(e);
                done.complete(a);
            } catch (Throwable t) {
                fail(line, op, sat, name, t, done);
            }
        });
        try {
            return done.get(timing.timeout().toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (TimeoutException e) {
            throw new DeskException("BUSY", 503, "the line to " + sat + " is busy; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeskException("BUSY", 503, "interrupted");
        }
    }

    /**
     * Executes an armed command after the operator's explicit confirmation: {@code confirmation}
     * must be the satellite's id, typed; only the operator who armed it may.
     */
    public Sent execute(Operator op, String sat, String armId, String confirmation) throws DeskException {
        ArmedCommand a;
        synchronized (armed) {
            a = armed.get(armId);
            if (a == null || !a.sat().equals(sat)) {
                throw new DeskException("UNKNOWN_ARM", 404, "no armed command " + armId + " for " + sat
                        + " (executed already, or declined): arm it again");
            }
            if (!a.user().equals(op.user())) {
                throw new DeskException("NOT_YOURS", 403, a.name() + " was armed by " + a.user() + "; only they may execute it");
            }
            if (confirmation == null || !confirmation.strip().equals(sat)) {
                ObjectNode e = audit.entry(op.user(), "NOT_CONFIRMED");
                e.put("remote", op.remote()).put("sat", sat).put("name", a.name());
                audit.write(e);
                throw new DeskException("NOT_CONFIRMED", 422, "type the satellite id " + sat + " to confirm " + a.name()
                        + "; nothing was sent");
            }
            armed.remove(armId);
        }
        ObjectNode e = audit.entry(op.user(), "CONFIRMED");
        e.put("remote", op.remote()).put("sat", sat).put("name", a.name());
        e.set("args", a.args());
        audit.write(e);
        CompletableFuture<Sent> sent = new CompletableFuture<>();
        SatelliteLine line = line(sat);
        line.run(() -> follow(line, op, sat, a.name(), a.args(), a.token(), sent, r -> {
        }));
        return await(sent);
    }

    /** The operator declines an armed command: it is forgotten (its token expires on board). */
    public void decline(Operator op, String sat, String armId) throws DeskException {
        ArmedCommand a;
        synchronized (armed) {
            a = armed.get(armId);
            if (a == null || !a.sat().equals(sat) || !a.user().equals(op.user())) {
                throw new DeskException("UNKNOWN_ARM", 404, "no armed command " + armId + " of yours for " + sat);
            }
            armed.remove(armId);
        }
        ObjectNode e = audit.entry(op.user(), "DECLINED");
        e.put("remote", op.remote()).put("sat", sat).put("name", a.name());
        audit.write(e);
    }

    private void follow(SatelliteLine line, Operator op, String sat, String name, ObjectNode args, String token,
                        CompletableFuture<Sent> sent, Consumer<CommandSession.Result> then) {
        try {
            CommandSession s = line.session();
            CommandSigner signer = StationKeys.signer(profile, sat, null, null, s.context());
            CommandSession.Result r = s.send(signer, seqs, name, args, token, timing.valid(), timing.timeout(),
                    listener(op, sat, args, sent));
            outcome(op, sat, name, r);
            then.accept(r);
        } catch (Throwable t) {
            fail(line, op, sat, name, t, sent);
        }
    }

    private void fail(SatelliteLine line, Operator op, String sat, String name, Throwable t, CompletableFuture<?> f) {
        DeskException d;
        if (t instanceof RefusedException r) {
            d = refused(op, sat, name, r);
        } else if (t instanceof MqttException m) {
            line.closeConnection();
            d = new DeskException("BROKER", 503, "broker unreachable (" + m.getMessage() + "): nothing more was sent");
        } else if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            d = new DeskException("BUSY", 503, "the console is stopping");
        } else {
            d = new DeskException("INTERNAL", 500, t.toString());
        }
        if (!f.completeExceptionally(d)) {
            ObjectNode e = audit.entry(op.user(), "OUTCOME");
            e.put("remote", op.remote()).put("sat", sat).put("name", name).put("stage", "LOST").put("reason", d.code())
                    .put("message", d.getMessage());
            audit.write(e);
        }
    }

    private CommandSession.Listener listener(Operator op, String sat, JsonNode args, CompletableFuture<Sent> sent) {
        return new CommandSession.Listener() {
            @Override
            public void sent(String name, long seq, byte[] envelope) {
                String sha = AuditLog.sha256(envelope);
                long id = history.sent(sat, seq, name, args, op.user(), sha, clock.millis());
                ObjectNode e = audit.entry(op.user(), "SENT");
                e.put("remote", op.remote()).put("sat", sat).put("name", name).put("seq", seq).put("payloadSha256", sha);
                e.set("args", args);
                audit.write(e);
                if (sent != null && !"arm".equals(name)) {
                    sent.complete(new Sent(seq, id, name));
                }
            }

            @Override
            public void report(String name, long seq, VerificationReport report) {
                // the ingest takes every report into the history; nothing more to do here
            }
        };
    }

    private void outcome(Operator op, String sat, String name, CommandSession.Result r) {
        ObjectNode e = audit.entry(op.user(), "OUTCOME");
        e.put("remote", op.remote()).put("sat", sat).put("name", name).put("seq", r.seq());
        if (r.last() == null) {
            e.put("stage", "NO_REPORT");
        } else {
            e.put("stage", r.last().stage());
            e.put("reason", r.last().reason());
        }
        audit.write(e);
    }

    private DeskException refused(Operator op, String sat, String name, RefusedException r) {
        ObjectNode e = audit.entry(op.user(), "REFUSED");
        e.put("remote", op.remote()).put("sat", sat).put("name", name).put("reason", r.code().name())
                .put("message", r.getMessage());
        audit.write(e);
        return new DeskException(r.code().name(), 422, r.getMessage());
    }

    private SatelliteContext context(String sat) throws DeskException {
        SatelliteSnapshot s = fleet.get(sat).orElseThrow(() -> new DeskException("UNKNOWN_SATELLITE", 404,
                "no satellite " + sat + " has been heard; nothing was sent"));
        return new SatelliteContext(sat, s.dictionary(), s.hk());
    }

    private SatelliteLine line(String sat) {
        return lines.computeIfAbsent(sat, s -> new SatelliteLine(s, connections, timing.dictWait(), clock, telemetryKeys));
    }

    private Sent await(CompletableFuture<Sent> sent) throws DeskException {
        try {
            return sent.get(timing.timeout().toMillis() + timing.dictWait().toMillis() + 30_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e);
        } catch (TimeoutException e) {
            throw new DeskException("BUSY", 503, "the line is busy with earlier commands; this one is queued and will go out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeskException("BUSY", 503, "interrupted");
        }
    }

    private static DeskException unwrap(ExecutionException e) {
        return e.getCause() instanceof DeskException d ? d : new DeskException("INTERNAL", 500, String.valueOf(e.getCause()));
    }

    private static String randomId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        tending.shutdownNow();
        lines.values().forEach(SatelliteLine::close);
    }
}
