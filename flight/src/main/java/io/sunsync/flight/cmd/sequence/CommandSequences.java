package io.sunsync.flight.cmd.sequence;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandExecutor;
import io.sunsync.flight.cmd.CommandFailure;
import io.sunsync.flight.cmd.CommandRegistry;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.Execution;
import io.sunsync.flight.cmd.FailReason;
import io.sunsync.flight.cmd.Invocation;
import io.sunsync.flight.cmd.Origin;
import io.sunsync.flight.cmd.Outcome;
import io.sunsync.flight.cmd.ReplyTo;
import io.sunsync.flight.cmd.store.DurableFile;
import io.sunsync.flight.cmd.timetag.TimeTagSchedule;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.sched.Scheduled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stored command sequences: named lists of steps, each a command with its arguments and a delay
 * after the previous step (cFS RTS style), defined by {@code seq.define} and kept on disk. A run
 * starts on {@code seq.start} (whose verification reports follow the run: PROGRESS after each
 * step, COMPLETED after the last, FAILED with {@code CANCELLED} on {@code seq.stop}) or when an
 * event bound by {@code seq.bind} is emitted on board (PUS service 19 event-action). A step that
 * fails aborts its run. Steps execute on the scheduler thread; a sequence runs at most once at a
 * time. Defining a sequence with a critical step is itself critical; its steps then run without
 * further arming (the definition was armed). Runs do not survive a restart; definitions and
 * bindings do.
 *
 * <p>Threading: the commands run on the link's inbound thread and {@link #emit} on any thread;
 * runs advance in {@link #tick} on the scheduler thread; state is guarded by this object's lock.
 */
public final class CommandSequences implements Scheduled, EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(CommandSequences.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most steps in one sequence. */
    public static final int MAX_STEPS = 64;
    /** Most sequences stored; defining one more fails ({@code INVALID_STATE}) until one is deleted. */
    public static final int MAX_SEQUENCES = 256;
    /** Most event-action bindings; binding one more event fails ({@code INVALID_STATE}) until one is removed. */
    public static final int MAX_BINDINGS = 256;

    /**
     * One step.
     *
     * @param delayS  seconds of mission time after the previous step (or the start)
     * @param command command name
     * @param args    its arguments
     */
    public record Step(@JsonProperty("delayS") double delayS, @JsonProperty("command") String command,
                       @JsonProperty("args") JsonNode args) {
    }

    private record State(@JsonProperty("sequences") Map<String, List<Step>> sequences,
                         @JsonProperty("bindings") Map<String, String> bindings) {
    }

    private static final class Run {
        final String name;
        final List<Step> steps;
        final Invocation invocation; // null when started by an event
        int next;
        Instant due;
        boolean stepRunning;
        boolean aborted;

        Run(String name, List<Step> steps, Invocation invocation, Instant start) {
            this.name = name;
            this.steps = steps;
            this.invocation = invocation;
            this.due = start.plusMillis(Math.round(steps.get(0).delayS() * 1000));
        }
    }

    private final CommandRegistry registry;
    private final CommandExecutor executor;
    private final ReplyTo reportTo;
    private final EventSink events;
    private final DurableFile file;
    private final Map<String, List<Step>> sequences = new TreeMap<>();
    private final Map<String, String> bindings = new TreeMap<>();
    private final Map<String, Run> running = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<Event> triggers = new ConcurrentLinkedQueue<>();

    /** Loads the definitions and bindings persisted in {@code stateDir}. */
    public CommandSequences(Path stateDir, CommandRegistry registry, CommandExecutor executor, ReplyTo reportTo,
                            EventSink events) {
        this.registry = registry;
        this.executor = executor;
        this.reportTo = reportTo;
        this.events = events;
        this.file = new DurableFile(stateDir.resolve("sequences.json"));
        try {
            Optional<byte[]> saved = file.read();
            if (saved.isPresent()) {
                State s = JSON.readValue(saved.get(), State.class);
                sequences.putAll(s.sequences());
                bindings.putAll(s.bindings());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("sequences " + file.path() + " unreadable", e);
        }
    }

    @Override
    public String name() {
        return "sequences";
    }

    /** Runs in progress. */
    public synchronized int running() {
        return running.size();
    }

    /** Event-action: an on-board event that starts the sequence bound to its code. Any thread; never blocks. */
    @Override
    public void emit(Event event) {
        if (bindings.containsKey(event.code())) { // a stale read only delays the start to the next event
            triggers.add(event);
        }
    }

    @Override
    public void tick(Instant now) {
        Event trigger;
        while ((trigger = triggers.poll()) != null) {
            String seq;
            synchronized (this) {
                seq = bindings.get(trigger.code());
            }
            if (seq != null) {
                startRun(seq, null, now, "event " + trigger.code());
            }
        }
        List<Runnable> work = new ArrayList<>();
        synchronized (this) {
            for (Run run : List.copyOf(running.values())) {
                if (run.aborted || run.stepRunning) {
                    continue;
                }
                if (run.next >= run.steps.size()) {
                    running.remove(run.name);
                    work.add(() -> finished(run, now));
                    continue;
                }
                if (!run.due.isAfter(now)) {
                    Step step = run.steps.get(run.next);
                    run.stepRunning = true;
                    work.add(() -> runStep(run, step, now));
                }
            }
        }
        work.forEach(Runnable::run);
    }

    private void runStep(Run run, Step step, Instant now) {
        Optional<CommandSpec> spec = registry.find(step.command());
        if (spec.isEmpty()) {
            abort(run, now, "step " + (run.next + 1) + ": no command " + step.command(), FailReason.NOT_FOUND);
            return;
        }
        executor.execute(new Execution(spec.get(), step.args(), null, Origin.sequence(run.name), reportTo, outcome -> {
            synchronized (this) {
                run.stepRunning = false;
                if (outcome.state() == Outcome.State.FAILED) {
                    run.aborted = true;
                    running.remove(run.name);
                } else {
                    run.next++;
                    if (run.next < run.steps.size()) {
                        run.due = now.plusMillis(Math.round(run.steps.get(run.next).delayS() * 1000));
                    }
                }
            }
            if (outcome.state() == Outcome.State.FAILED) {
                failed(run, now, "step " + (run.next + 1) + " (" + step.command() + ") failed: " + outcome.reason(),
                        FailReason.INVALID_STATE);
            } else if (run.invocation != null) {
                run.invocation.progress(100 * run.next / run.steps.size(), "step " + run.next + " of " + run.steps.size()
                        + " done (" + step.command() + ")");
            }
        }));
    }

    private void abort(Run run, Instant now, String why, FailReason reason) {
        synchronized (this) {
            run.aborted = true;
            running.remove(run.name);
        }
        failed(run, now, why, reason);
    }

    private void failed(Run run, Instant now, String why, FailReason reason) {
        events.emit(new Event(now, Severity.LOW, "commanding", "SEQUENCE_ABORTED", "sequence " + run.name + " aborted: " + why,
                Map.of("sequence", run.name)));
        if (run.invocation != null) {
            run.invocation.fail(reason, why);
        }
    }

    private void finished(Run run, Instant now) {
        events.emit(new Event(now, Severity.INFO, "commanding", "SEQUENCE_COMPLETED", "sequence " + run.name + " completed",
                Map.of("sequence", run.name, "steps", run.steps.size())));
        if (run.invocation != null) {
            run.invocation.complete(Map.of("sequence", run.name, "steps", run.steps.size()));
        }
    }

    /** Starts a run; returns why not, or null. */
    private String startRun(String name, Invocation invocation, Instant now, String cause) {
        synchronized (this) {
            List<Step> steps = sequences.get(name);
            if (steps == null) {
                return "no sequence " + name;
            }
            if (running.containsKey(name)) {
                return "sequence " + name + " is already running";
            }
            running.put(name, new Run(name, steps, invocation, now));
        }
        events.emit(new Event(now, Severity.INFO, "commanding", "SEQUENCE_STARTED", "sequence " + name + " started by " + cause,
                Map.of("sequence", name, "cause", cause)));
        return null;
    }

    private void persist() throws CommandFailure {
        try {
            file.write(JSON.writeValueAsBytes(new State(sequences, bindings)));
        } catch (IOException e) {
            throw new CommandFailure(FailReason.INTERNAL_ERROR, "sequences not persisted: " + e.getMessage());
        }
    }

    private List<Step> parseSteps(JsonNode steps) {
        List<Step> out = new ArrayList<>();
        for (JsonNode s : steps) {
            out.add(new Step(s.path("delayS").asDouble(), s.path("command").asText(), s.path("args")));
        }
        return out;
    }

    private boolean anyCritical(JsonNode steps) {
        for (JsonNode s : steps) {
            Optional<CommandSpec> spec = registry.find(s.path("command").asText());
            if (spec.isPresent() && spec.get().isCritical(s.path("args"))) {
                return true;
            }
        }
        return false;
    }

    /** {@code seq.define}, {@code seq.delete}, {@code seq.start}, {@code seq.stop}, {@code seq.list}, {@code seq.bind}, {@code seq.unbind}. */
    public List<CommandSpec> commands() {
        Map<String, Object> stepSchema = Map.of("type", "object", "additionalProperties", false,
                "required", List.of("delayS", "command", "args"),
                "properties", Map.of(
                        "delayS", Map.of("type", "number", "minimum", 0, "maximum", 86_400, "x-unit", "s",
                                "description", "mission time after the previous step (or the start)"),
                        "command", Map.of("type", "string", "maxLength", 64),
                        "args", Map.of("type", "object")));
        ArgSpec name = new ArgSpec("name", "string", "sequence name", true, null, null, "", List.of(),
                Map.of("pattern", "^[a-z0-9][a-z0-9-]{0,31}$"));
        return List.of(
                CommandSpec.builder("seq.define")
                        .description("Stores (or replaces) a command sequence: steps with delays relative to the previous step")
                        .arg(name)
                        .arg(ArgSpec.array("steps", "the steps", Map.of("minItems", 1, "maxItems", MAX_STEPS, "items", stepSchema)))
                        .criticalWhen(args -> anyCritical(args.path("steps")), "a step's command is critical")
                        .check(args -> {
                            int i = 0;
                            for (JsonNode s : args.path("steps")) {
                                i++;
                                String p = TimeTagSchedule.embeddedProblem(registry, s.path("command").asText(), s.path("args"),
                                        null);
                                if (p != null) {
                                    return "step " + i + ": " + p;
                                }
                            }
                            return null;
                        })
                        .handler(inv -> {
                            synchronized (this) {
                                if (running.containsKey(inv.text("name"))) {
                                    throw new CommandFailure(FailReason.INVALID_STATE, "sequence " + inv.text("name") + " is running");
                                }
                                if (!sequences.containsKey(inv.text("name")) && sequences.size() >= MAX_SEQUENCES) {
                                    throw new CommandFailure(FailReason.INVALID_STATE, "the sequence store is full ("
                                            + MAX_SEQUENCES + " sequences): delete one first");
                                }
                                sequences.put(inv.text("name"), List.copyOf(parseSteps(inv.args().get("steps"))));
                                persist();
                            }
                            return Outcome.completed(Map.of("sequence", inv.text("name"), "steps", inv.args().get("steps").size()));
                        }).build(),
                CommandSpec.builder("seq.delete")
                        .description("Deletes a stored sequence and its event bindings")
                        .arg(name)
                        .handler(inv -> {
                            synchronized (this) {
                                String n = inv.text("name");
                                if (!sequences.containsKey(n)) {
                                    throw new CommandFailure(FailReason.NOT_FOUND, "no sequence " + n);
                                }
                                if (running.containsKey(n)) {
                                    throw new CommandFailure(FailReason.INVALID_STATE, "sequence " + n + " is running");
                                }
                                sequences.remove(n);
                                bindings.values().removeIf(n::equals);
                                persist();
                            }
                            return Outcome.completed();
                        }).build(),
                CommandSpec.builder("seq.start")
                        .description("Runs a stored sequence; its reports follow the run (PROGRESS per step, COMPLETED at the end)")
                        .arg(name)
                        .handler(inv -> {
                            String why = startRun(inv.text("name"), inv, inv.now(), "ground command");
                            if (why != null) {
                                throw new CommandFailure(why.startsWith("no ") ? FailReason.NOT_FOUND : FailReason.INVALID_STATE, why);
                            }
                            return Outcome.running();
                        }).build(),
                CommandSpec.builder("seq.stop")
                        .description("Stops a running sequence (its run fails with CANCELLED)")
                        .arg(name)
                        .handler(inv -> {
                            Run run;
                            synchronized (this) {
                                run = running.remove(inv.text("name"));
                                if (run == null) {
                                    throw new CommandFailure(FailReason.NOT_FOUND, "sequence " + inv.text("name") + " is not running");
                                }
                                run.aborted = true;
                            }
                            failed(run, inv.now(), "stopped by ground command after " + run.next + " steps", FailReason.CANCELLED);
                            return Outcome.completed(Map.of("sequence", run.name, "stepsDone", run.next));
                        }).build(),
                CommandSpec.builder("seq.list")
                        .description("Lists stored sequences, event bindings and runs in progress")
                        .handler(inv -> {
                            synchronized (this) {
                                Map<String, Object> data = new LinkedHashMap<>();
                                data.put("sequences", JSON.valueToTree(sequences));
                                data.put("bindings", Map.copyOf(bindings));
                                data.put("running", List.copyOf(running.keySet()));
                                return Outcome.completed(data);
                            }
                        }).build(),
                CommandSpec.builder("seq.bind")
                        .description("Starts a sequence whenever an on-board event with this code is emitted (event-action)")
                        .arg(new ArgSpec("event", "string", "event code", true, null, null, "", List.of(),
                                Map.of("pattern", "^[A-Z][A-Z0-9_]{0,63}$")))
                        .arg(name)
                        .check(args -> sequences.containsKey(args.path("name").asText()) ? null
                                : "no sequence " + args.path("name").asText())
                        .handler(inv -> {
                            synchronized (this) {
                                if (!bindings.containsKey(inv.text("event")) && bindings.size() >= MAX_BINDINGS) {
                                    throw new CommandFailure(FailReason.INVALID_STATE, "every one of the " + MAX_BINDINGS
                                            + " event bindings is in use: unbind one first");
                                }
                                bindings.put(inv.text("event"), inv.text("name"));
                                persist();
                            }
                            return Outcome.completed(Map.of("event", inv.text("event"), "sequence", inv.text("name")));
                        }).build(),
                CommandSpec.builder("seq.unbind")
                        .description("Removes an event-action binding")
                        .arg(new ArgSpec("event", "string", "event code", true, null, null, "", List.of(),
                                Map.of("pattern", "^[A-Z][A-Z0-9_]{0,63}$")))
                        .handler(inv -> {
                            synchronized (this) {
                                if (bindings.remove(inv.text("event")) == null) {
                                    throw new CommandFailure(FailReason.NOT_FOUND, "no binding for " + inv.text("event"));
                                }
                                persist();
                            }
                            return Outcome.completed();
                        }).build());
    }
}
