package io.sunsync.flight.cmd.timetag;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandExecutor;
import io.sunsync.flight.cmd.CommandFailure;
import io.sunsync.flight.cmd.CommandRegistry;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.Execution;
import io.sunsync.flight.cmd.FailReason;
import io.sunsync.flight.cmd.Origin;
import io.sunsync.flight.cmd.Outcome;
import io.sunsync.flight.cmd.Rejection;
import io.sunsync.flight.cmd.ReplyTo;
import io.sunsync.flight.cmd.store.DurableFile;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.sched.Scheduled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-board time-tagged command schedule (PUS service 11). {@code timetag.insert} checks the
 * embedded command and its arguments at insertion, as the dispatcher would, and stores it on
 * disk (fsync + atomic rename) before answering; each {@link #tick} releases the commands whose
 * time has come, in time order, to the {@link CommandExecutor}. Inserting a critical command is
 * itself critical (armed once, at insertion). A released entry is removed from disk before it
 * executes, so a crash at that moment loses it rather than running it twice (at most once);
 * its reports go to {@code tc/ack} with origin {@code timetag}.
 *
 * <p>Threading: the commands run on the link's inbound thread, {@link #tick} on the scheduler
 * thread; the schedule is guarded by this object's lock.
 */
public final class TimeTagSchedule implements Scheduled {
    private static final Logger LOG = LoggerFactory.getLogger(TimeTagSchedule.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Most entries the schedule holds. */
    public static final int CAPACITY = 1000;

    /**
     * One scheduled command.
     *
     * @param id   its id, unique on board
     * @param at   mission time it executes
     * @param name command name
     * @param args its arguments (checked at insertion)
     * @param seq  sequence number of the insert command
     */
    public record Entry(@JsonProperty("id") long id, @JsonProperty("at") Instant at, @JsonProperty("name") String name,
                        @JsonProperty("args") JsonNode args, @JsonProperty("seq") Long seq) {
    }

    private record State(@JsonProperty("nextId") long nextId, @JsonProperty("entries") List<Entry> entries) {
    }

    private final CommandRegistry registry;
    private final CommandExecutor executor;
    private final ReplyTo reportTo;
    private final EventSink events;
    private final DurableFile file;
    private final List<Entry> entries = new ArrayList<>();
    private long nextId = 1;

    /** Loads the schedule persisted in {@code stateDir} (empty when none). */
    public TimeTagSchedule(Path stateDir, CommandRegistry registry, CommandExecutor executor, ReplyTo reportTo,
                           EventSink events) {
        this.registry = registry;
        this.executor = executor;
        this.reportTo = reportTo;
        this.events = events;
        this.file = new DurableFile(stateDir.resolve("timetags.json"));
        try {
            Optional<byte[]> saved = file.read();
            if (saved.isPresent()) {
                State s = JSON.readValue(saved.get(), State.class);
                nextId = s.nextId();
                entries.addAll(s.entries());
                sort();
                LOG.info("time-tag schedule: {} commands loaded from {}", entries.size(), file.path());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("time-tag schedule " + file.path() + " unreadable", e);
        }
    }

    @Override
    public String name() {
        return "timetags";
    }

    /** Commands waiting. */
    public synchronized int size() {
        return entries.size();
    }

    /** A copy of the schedule, in time order. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public void tick(Instant now) {
        List<Entry> due = new ArrayList<>();
        synchronized (this) {
            while (!entries.isEmpty() && !entries.get(0).at().isAfter(now)) {
                due.add(entries.remove(0));
            }
            if (due.isEmpty()) {
                return;
            }
            try {
                persist();
            } catch (IOException e) {
                // Not persisted: they may run again after a restart; say so loudly, but run them now.
                LOG.error("time-tag schedule not persisted after release", e);
            }
        }
        for (Entry e : due) {
            Optional<CommandSpec> spec = registry.find(e.name());
            if (spec.isEmpty()) {
                events.emit(new Event(now, Severity.LOW, "commanding", "TIMETAG_DROPPED", "time-tagged " + e.name()
                        + " (id " + e.id() + ") no longer exists", Map.of("id", e.id(), "command", e.name())));
                continue;
            }
            executor.execute(new Execution(spec.get(), e.args(), null, Origin.timeTag(e.id()), reportTo, null));
        }
    }

    private void sort() {
        entries.sort(Comparator.comparing(Entry::at).thenComparing(Entry::id));
    }

    private void persist() throws IOException {
        file.write(JSON.writeValueAsBytes(new State(nextId, entries)));
    }

    /** {@code timetag.insert}, {@code timetag.delete}, {@code timetag.list}, {@code timetag.clear}. */
    public List<CommandSpec> commands() {
        return List.of(
                CommandSpec.builder("timetag.insert")
                        .description("Schedules a command to execute at a mission time (PUS service 11); checked now, kept on disk;"
                                + " COMPLETED carries its id")
                        .arg(ArgSpec.instant("at", "mission time to execute at (ISO-8601 UTC)"))
                        .arg(ArgSpec.text("command", "the command to execute", 64))
                        .arg(ArgSpec.object("args", "its arguments", Map.of()))
                        .criticalWhen(args -> registry.find(args.path("command").asText())
                                .map(s -> s.isCritical(args.path("args"))).orElse(false), "the command scheduled is critical")
                        .check(args -> embeddedProblem(registry, args.path("command").asText(), args.get("args"),
                                args.path("at").asText()))
                        .handler(inv -> {
                            Instant at = Instant.parse(inv.text("at"));
                            if (!at.isAfter(inv.now())) {
                                throw new CommandFailure(FailReason.INVALID_STATE, "time " + at + " has passed (mission time "
                                        + inv.now() + ")");
                            }
                            Entry entry;
                            synchronized (this) {
                                if (entries.size() >= CAPACITY) {
                                    throw new CommandFailure(FailReason.INVALID_STATE, "schedule full (" + CAPACITY + ")");
                                }
                                entry = new Entry(nextId, at, inv.text("command"), inv.args().get("args"), inv.seq());
                                entries.add(entry);
                                nextId++;
                                sort();
                                persistOrUndo(entry);
                            }
                            return Outcome.completed(Map.of("id", entry.id(), "at", at.toString()));
                        }).build(),
                CommandSpec.builder("timetag.delete")
                        .description("Removes a time-tagged command")
                        .arg(ArgSpec.integer("id", "its id", 1, Long.MAX_VALUE / 2))
                        .handler(inv -> {
                            synchronized (this) {
                                long id = inv.integer("id");
                                Optional<Entry> e = entries.stream().filter(x -> x.id() == id).findFirst();
                                if (e.isEmpty()) {
                                    throw new CommandFailure(FailReason.NOT_FOUND, "no time-tagged command " + id);
                                }
                                entries.remove(e.get());
                                persistChecked();
                            }
                            return Outcome.completed(Map.of("id", inv.integer("id")));
                        }).build(),
                CommandSpec.builder("timetag.list")
                        .description("Lists the time-tagged commands in time order")
                        .handler(inv -> {
                            List<Map<String, Object>> list = new ArrayList<>();
                            for (Entry e : entries()) {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("id", e.id());
                                m.put("at", e.at().toString());
                                m.put("command", e.name());
                                m.put("args", e.args());
                                list.add(m);
                            }
                            return Outcome.completed(Map.of("entries", list));
                        }).build(),
                CommandSpec.builder("timetag.clear")
                        .description("Removes every time-tagged command")
                        .handler(inv -> {
                            int n;
                            synchronized (this) {
                                n = entries.size();
                                entries.clear();
                                persistChecked();
                            }
                            return Outcome.completed(Map.of("removed", n));
                        }).build());
    }

    private void persistOrUndo(Entry entry) throws CommandFailure {
        try {
            persist();
        } catch (IOException e) {
            entries.remove(entry);
            throw new CommandFailure(FailReason.INTERNAL_ERROR, "schedule not persisted: " + e.getMessage());
        }
    }

    private void persistChecked() throws CommandFailure {
        try {
            persist();
        } catch (IOException e) {
            throw new CommandFailure(FailReason.INTERNAL_ERROR, "schedule not persisted: " + e.getMessage());
        }
    }

    /**
     * Why an embedded command (time-tag, sequence step) cannot be stored, or null: it must exist,
     * not be a scheduling or arming command itself, and have valid arguments.
     */
    public static String embeddedProblem(CommandRegistry registry, String name, JsonNode args, String at) {
        if (at != null) {
            try {
                Instant.parse(at);
            } catch (DateTimeParseException e) {
                return "at must be an ISO-8601 UTC instant";
            }
        }
        Optional<CommandSpec> spec = registry.find(name);
        if (spec.isEmpty()) {
            return "no command " + name;
        }
        if (name.equals("arm") || name.startsWith("timetag.") || name.startsWith("seq.")) {
            return name + " cannot be scheduled or put in a sequence";
        }
        return registry.checkArgs(spec.get(), args).map(Rejection::message).orElse(null);
    }
}
