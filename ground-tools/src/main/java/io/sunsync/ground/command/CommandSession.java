package io.sunsync.ground.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tc.CommandSigner;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Commands one satellite the way docs/icd/commanding.md says: learns the satellite's dictionary
 * and housekeeping, checks the command and its arguments against the dictionary, signs it with a
 * fresh sequence number and a validity window, sends it with a response topic and correlation
 * data, and follows its verification reports to the end. Critical commands go arm-then-execute
 * after the operator confirms.
 *
 * <p>Threading: one thread; it owns the connection's queue while it runs.
 */
public final class CommandSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GroundConnection conn;
    private final String sat;
    private final String responseTopic;
    private final Clock clock;
    private final TelemetryVerifier verifier;
    private CommandDictionary dictionary;
    private JsonNode hk;

    /** Asks the operator whether to go on with a critical command. */
    @FunctionalInterface
    public interface Confirmation {
        /** True to arm and execute {@code name} with {@code args} on {@code sat}. */
        boolean confirm(String sat, String name, JsonNode args);
    }

    /**
     * How a command ended.
     *
     * @param seq      its sequence number (-1 if nothing was sent)
     * @param last     its final report, or null (none within the timeout, or declined)
     * @param reports  every report of it (and of its arm command), in order
     * @param declined true if the operator declined the confirmation
     */
    public record Result(long seq, VerificationReport last, List<VerificationReport> reports, boolean declined) {
        /** True if it ended COMPLETED. */
        public boolean completed() {
            return last != null && last.stage().equals("COMPLETED");
        }
    }

    private CommandSession(GroundConnection conn, String sat, String responseTopic, Clock clock,
                           TelemetryVerifier verifier) {
        this.conn = conn;
        this.sat = sat;
        this.responseTopic = responseTopic;
        this.clock = clock;
        this.verifier = verifier;
    }

    /**
     * Subscribes to the satellite's dictionary, housekeeping, this session's response topic
     * ({@code sunsync/SAT/tc/ack/CLIENTID}) and {@code sunsync/SAT/tc/ack} (where refusals of
     * commands whose MAC did not verify go: flight honours a response topic only after the MAC),
     * and waits up to {@code wait} for the retained dictionary and housekeeping. Reports are
     * matched to commands by correlation data. Everything it reads passes telemetry authentication
     * first (a verifier of its own, with {@code keys}: a new connection is delivered the retained
     * dictionary and frame again): a dictionary, frame or verification report that fails it is
     * never taken, so a forged {@code COMPLETED} cannot end a command.
     */
    public static CommandSession open(GroundConnection conn, String sat, Duration wait, Clock clock,
                                      TelemetryKeys keys) throws MqttException, InterruptedException {
        CommandSession s = new CommandSession(conn, sat, "sunsync/" + sat + "/tc/ack/" + conn.settings().clientId(), clock,
                new TelemetryVerifier(keys));
        conn.subscribe("sunsync/" + sat + "/dict", "sunsync/" + sat + "/tm/hk", s.responseTopic,
                "sunsync/" + sat + "/tc/ack");
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end && (s.dictionary == null || s.hk == null)) {
            GroundConnection.Received r = conn.poll(50);
            if (r != null) {
                s.take(r);
            }
        }
        return s;
    }

    private VerificationReport take(GroundConnection.Received r) {
        if (!verifier.check(r).shown()) {
            return null;
        }
        switch (r.subtopic()) {
            case "dict" -> dictionary = CommandDictionary.of(r.json());
            case "tm/hk" -> hk = r.json();
            default -> {
                if (r.topic().equals(responseTopic) || r.subtopic().equals("tc/ack")) {
                    return VerificationReport.of(r.json());
                }
            }
        }
        return null;
    }

    /**
     * Takes in what has arrived since the last command (dictionary, housekeeping) without
     * waiting, so a long-lived session keeps its view of the satellite (mission time, last
     * sequence number) fresh and its queue short. Late reports of earlier commands are dropped.
     *
     * @return the messages taken in
     */
    public int drain() throws InterruptedException {
        int n = 0;
        GroundConnection.Received r;
        while ((r = conn.poll(0)) != null) {
            take(r);
            n++;
        }
        return n;
    }

    /** What is known of the satellite now. */
    public SatelliteContext context() {
        return new SatelliteContext(sat, dictionary, hk);
    }

    /**
     * Checks that {@code name} with {@code args} can be sent now: a dictionary, the command in
     * it, the arguments valid, the mode allowed.
     */
    public CommandDefinition check(String name, JsonNode args) throws RefusedException {
        return check(context(), name, args);
    }

    /**
     * Checks that {@code name} with {@code args} can be sent to the satellite {@code ctx} describes:
     * a dictionary, the command in it, the arguments valid, the mode allowed.
     */
    public static CommandDefinition check(SatelliteContext ctx, String name, JsonNode args) throws RefusedException {
        String sat = ctx.sat();
        if (ctx.dictionary() == null) {
            throw new RefusedException(Refusal.NO_DICTIONARY, "no dictionary from " + sat + " (retained on sunsync/"
                    + sat + "/dict): is the satellite's commanding configured? (tc send --dry-run shows the rest)");
        }
        CommandDefinition def = ctx.dictionary().command(name).orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_COMMAND,
                "'" + name + "' is not in " + sat + "'s dictionary; 'tc list --sat " + sat + "' lists its commands"));
        Arguments.check(def, args);
        String mode = ctx.mode();
        if (!def.allowedIn(mode)) {
            throw new RefusedException(Refusal.NOT_ALLOWED_IN_MODE, name + " is allowed in " + String.join(", ", def.modes())
                    + "; " + sat + " is in " + mode);
        }
        return def;
    }

    /** Told of a command's progress as it happens (on the session's thread). */
    public interface Listener {
        /** {@code name} went out as sequence number {@code seq}; {@code envelope} is the exact signed payload. */
        default void sent(String name, long seq, byte[] envelope) {
        }

        /** A verification report of {@code name} (sequence number {@code seq}) came. */
        default void report(String name, long seq, VerificationReport report) {
        }

        /** A line for the operator's terminal. */
        default void say(String line) {
        }
    }

    /** A listener that tells {@code say} one line per step, as the command line prints them. */
    public static Listener lines(Consumer<String> say) {
        return new Listener() {
            @Override
            public void sent(String name, long seq, byte[] envelope) {
                say.accept(name + " seq " + seq + ": sent");
            }

            @Override
            public void report(String name, long seq, VerificationReport report) {
                say.accept(name + " seq " + seq + ": " + report.line());
            }

            @Override
            public void say(String line) {
                say.accept(line);
            }
        };
    }

    /**
     * Sends {@code name} and follows it to its final report; arms it first when critical (after
     * {@code confirm}).
     *
     * @param valid   how long the command stays valid (mission time from the satellite's latest
     *                frame; also the MQTT message expiry)
     * @param timeout how long to wait for each final report
     * @param say     told of each report as it comes
     */
    public Result execute(CommandSigner signer, SequenceCounter seqs, String name, ObjectNode args, Duration valid,
                          Duration timeout, Confirmation confirm, Consumer<String> say)
            throws RefusedException, MqttException, InterruptedException {
        return execute(signer, seqs, name, args, valid, timeout, confirm, lines(say));
    }

    /** As {@link #execute(CommandSigner, SequenceCounter, String, ObjectNode, Duration, Duration, Confirmation, Consumer)}, told to {@code listener}. */
    public Result execute(CommandSigner signer, SequenceCounter seqs, String name, ObjectNode args, Duration valid,
                          Duration timeout, Confirmation confirm, Listener listener)
            throws RefusedException, MqttException, InterruptedException {
        CommandDefinition def = check(name, args);
        List<VerificationReport> all = new ArrayList<>();
        if (def.alwaysCritical()) {
            return armAndSend(signer, seqs, name, args, valid, timeout, confirm, listener, all);
        }
        Result first = send(signer, seqs, name, args, null, valid, timeout, listener, all);
        if (def.criticalDepends() && first.last() != null && "NOT_ARMED".equals(first.last().reason())) {
            listener.say(name + " is critical with these arguments: arm, then execute");
            return armAndSend(signer, seqs, name, args, valid, timeout, confirm, listener, all);
        }
        return first;
    }

    private Result armAndSend(CommandSigner signer, SequenceCounter seqs, String name, ObjectNode args, Duration valid,
                              Duration timeout, Confirmation confirm, Listener listener, List<VerificationReport> all)
            throws RefusedException, MqttException, InterruptedException {
        if (!confirm.confirm(sat, name, args)) {
            return new Result(-1, null, all, true);
        }
        Result arm = send(signer, seqs, "arm", armArguments(name, args), null, valid, timeout, listener, all);
        if (!arm.completed()) {
            return arm;
        }
        return send(signer, seqs, name, args, armToken(arm), valid, timeout, listener, all);
    }

    /**
     * Arms {@code name} with {@code args} (the first half of arm-then-execute): sends {@code arm}
     * and follows it to its final report, whose {@code data.token} {@link #armToken} reads.
     */
    public Result arm(CommandSigner signer, SequenceCounter seqs, String name, ObjectNode args, Duration valid,
                      Duration timeout, Listener listener) throws RefusedException, MqttException, InterruptedException {
        check(name, args);
        return send(signer, seqs, "arm", armArguments(name, args), null, valid, timeout, listener, new ArrayList<>());
    }

    /**
     * Sends {@code name} once, carrying {@code armToken} when not null (the second half of
     * arm-then-execute), and follows it to its final report.
     */
    public Result send(CommandSigner signer, SequenceCounter seqs, String name, ObjectNode args, String armToken,
                       Duration valid, Duration timeout, Listener listener)
            throws RefusedException, MqttException, InterruptedException {
        check(name, args);
        return send(signer, seqs, name, args, armToken, valid, timeout, listener, new ArrayList<>());
    }

    /** The token of a COMPLETED {@code arm}. */
    public static String armToken(Result arm) throws RefusedException {
        String token = arm.last() == null ? "" : arm.last().data().path("token").asText("");
        if (token.isEmpty()) {
            throw new RefusedException(Refusal.BAD_ARGUMENT, "the arm report carries no token: "
                    + (arm.last() == null ? "(none)" : arm.last().json()));
        }
        return token;
    }

    private static ObjectNode armArguments(String name, ObjectNode args) {
        ObjectNode armArgs = JSON.createObjectNode();
        armArgs.put("command", name);
        armArgs.set("args", args);
        return armArgs;
    }

    private Result send(CommandSigner signer, SequenceCounter seqs, String name, ObjectNode args, String armToken,
                        Duration valid, Duration timeout, Listener listener, List<VerificationReport> all)
            throws RefusedException, MqttException, InterruptedException {
        Pending p = publish(signer, seqs, name, args, armToken, valid, listener, all);
        await(List.of(p), timeout, listener);
        return p.result();
    }

    /** A command (not critical) for {@link #sendEach}. */
    public record Request(String name, ObjectNode args) {
    }

    /**
     * Sends every one of {@code requests} without waiting in between, then follows them all to
     * their final reports: one round trip for the lot instead of one each, for a ground that has
     * many routine commands at once (acknowledging results). None may need arming.
     *
     * @param timeout how long to wait for the last final report, from the last send
     * @return a result per request, in order (a {@code null} last report where none came in time)
     */
    public List<Result> sendEach(CommandSigner signer, SequenceCounter seqs, List<Request> requests, Duration valid,
                                 Duration timeout, Listener listener)
            throws RefusedException, MqttException, InterruptedException {
        for (Request r : requests) {
            if (check(r.name(), r.args()).alwaysCritical()) {
                throw new RefusedException(Refusal.BAD_ARGUMENT, r.name() + " is critical: arm it, one at a time");
            }
        }
        List<Pending> pending = new ArrayList<>(requests.size());
        for (Request r : requests) {
            pending.add(publish(signer, seqs, r.name(), r.args(), null, valid, listener, new ArrayList<>()));
        }
        await(pending, timeout, listener);
        return pending.stream().map(Pending::result).toList();
    }

    /** A command sent and the reports that came for it so far (the caller's thread only). */
    private static final class Pending {
        private final String name;
        private final long seq;
        private final byte[] correlation;
        private final List<VerificationReport> reports;
        private VerificationReport last;

        Pending(String name, long seq, byte[] correlation, List<VerificationReport> reports) {
            this.name = name;
            this.seq = seq;
            this.correlation = correlation;
            this.reports = reports;
        }

        Result result() {
            return new Result(seq, last, reports, false);
        }
    }

    private Pending publish(CommandSigner signer, SequenceCounter seqs, String name, ObjectNode args, String armToken,
                            Duration valid, Listener listener, List<VerificationReport> all)
            throws RefusedException, MqttException {
        long seq = seqs.next(sat, context().lastSeq() + 1);
        byte[] envelope = signer.sign(signed(seq, name, args, armToken, valid));
        byte[] correlation = new byte[16];
        RANDOM.nextBytes(correlation);
        MqttProperties props = new MqttProperties();
        props.setResponseTopic(responseTopic);
        props.setCorrelationData(correlation);
        props.setMessageExpiryInterval(Math.max(1, valid.toSeconds()));
        conn.publish("sunsync/" + sat + "/tc", envelope, 1, false, props);
        listener.sent(name, seq, envelope);
        return new Pending(name, seq, correlation, all);
    }

    /** Takes reports in until each of {@code pending} has its final one, or {@code timeout} has passed. */
    private void await(List<Pending> pending, Duration timeout, Listener listener) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        int open = pending.size();
        while (open > 0 && System.nanoTime() < end) {
            GroundConnection.Received r = conn.poll(50);
            if (r == null) {
                continue;
            }
            VerificationReport rep = take(r);
            if (rep == null) {
                continue;
            }
            for (Pending p : pending) {
                if (p.last == null && Arrays.equals(r.correlation(), p.correlation)) {
                    p.reports.add(rep);
                    listener.report(p.name, p.seq, rep);
                    if (rep.isFinal()) {
                        p.last = rep;
                        open--;
                    }
                    break;
                }
            }
        }
    }

    /** The command as it will be signed: validity from the satellite's mission time. */
    public CommandSigner.Command signed(long seq, String name, JsonNode args, String armToken, Duration valid) {
        return signed(context(), clock, seq, name, args, armToken, valid);
    }

    /**
     * The command as it will be signed for the satellite {@code ctx} describes: valid for
     * {@code valid} from its mission time at its latest frame ({@code clock}'s time if none).
     */
    public static CommandSigner.Command signed(SatelliteContext ctx, Clock clock, long seq, String name, JsonNode args,
                                               String armToken, Duration valid) {
        Instant missionNow = ctx.missionTime() != null ? ctx.missionTime() : clock.instant();
        CommandSigner.Command c = CommandSigner.Command.of(seq, name, args, missionNow.plus(valid));
        return armToken == null ? c : c.armedWith(armToken);
    }
}
