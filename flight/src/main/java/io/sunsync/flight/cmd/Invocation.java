package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution of a command, handed to its {@link CommandHandler}: the (already validated)
 * arguments, the mission time, and, for long commands, the way to report progress and finish
 * later. Progress and completion may be reported from any thread; only the first
 * {@link #complete}/{@link #fail} counts.
 */
public final class Invocation {
    /** Receives what an invocation reports. */
    interface Reports {
        void progress(Invocation inv, int pct, String message);

        void finished(Invocation inv, Outcome outcome);
    }

    private final CommandSpec spec;
    private final JsonNode args;
    private final Instant now;
    private final Long seq;
    private final Origin origin;
    private final ReplyTo replyTo;
    private final Reports reports;
    private final AtomicBoolean done = new AtomicBoolean();
    private final java.util.function.Consumer<Outcome> onFinish;

    Invocation(CommandSpec spec, JsonNode args, Instant now, Long seq, Origin origin, ReplyTo replyTo, Reports reports,
               java.util.function.Consumer<Outcome> onFinish) {
        this.spec = spec;
        this.args = args;
        this.now = now;
        this.seq = seq;
        this.origin = origin;
        this.replyTo = replyTo;
        this.reports = reports;
        this.onFinish = onFinish;
    }

    public String name() {
        return spec.name();
    }

    /** The arguments, valid against the command's schema. */
    public JsonNode args() {
        return args;
    }

    /** Mission time when execution started. */
    public Instant now() {
        return now;
    }

    /** The ground sequence number, or null for on-board origins. */
    public Long seq() {
        return seq;
    }

    public Origin origin() {
        return origin;
    }

    ReplyTo replyTo() {
        return replyTo;
    }

    CommandSpec spec() {
        return spec;
    }

    /** A string argument (present: the schema made sure). */
    public String text(String arg) {
        return args.path(arg).asText();
    }

    /** A numeric argument. */
    public double number(String arg) {
        return args.path(arg).asDouble();
    }

    /** An integer argument. */
    public long integer(String arg) {
        return args.path(arg).asLong();
    }

    /** A boolean argument. */
    public boolean bool(String arg) {
        return args.path(arg).asBoolean();
    }

    /** Whether an optional argument was given. */
    public boolean has(String arg) {
        return args.has(arg) && !args.get(arg).isNull();
    }

    /** Reports progress of a long command (0..100 %). */
    public void progress(int pct, String message) {
        if (!done.get()) {
            reports.progress(this, Math.max(0, Math.min(100, pct)), message);
        }
    }

    /** Finishes a command whose handler returned {@link Outcome#running()}. */
    public void complete(Map<String, Object> data) {
        finish(Outcome.completed(data));
    }

    /** Fails a command whose handler returned {@link Outcome#running()}. */
    public void fail(FailReason reason, String message) {
        finish(Outcome.failed(reason, message));
    }

    void finish(Outcome outcome) {
        if (outcome.state() != Outcome.State.RUNNING && done.compareAndSet(false, true)) {
            reports.finished(this, outcome);
            if (onFinish != null) {
                onFinish.accept(outcome);
            }
        }
    }

    boolean isDone() {
        return done.get();
    }
}
