package io.sunsync.flight.cmd;

import io.sunsync.flight.cmd.auth.KeyRing;
import io.sunsync.flight.cmd.auth.ReplayWindow;
import io.sunsync.flight.cmd.builtin.CoreCommands;
import io.sunsync.flight.cmd.builtin.HardwareCommands;
import io.sunsync.flight.cmd.param.ParameterRegistry;
import io.sunsync.flight.cmd.sequence.CommandSequences;
import io.sunsync.flight.cmd.timetag.TimeTagSchedule;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.link.Downlink;
import io.sunsync.flight.link.InboundMessage;
import io.sunsync.flight.link.Json;
import io.sunsync.flight.link.OutboundMessage;
import io.sunsync.flight.link.Topics;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.thermal.ThermalControl;
import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Commanding, assembled: key ring, anti-replay window, arm tokens, registry, dispatcher,
 * executor, reports, parameters and the dictionary, built from the {@code commanding} config.
 * Owners register their commands on {@link #registry()} (and parameters on
 * {@link #parameters()}) before {@link #start()}; the composition root subscribes
 * {@link #onMessage} to {@link #commandTopic()} and runs {@link #scheduled()} in a rate group of
 * {@link CommandingConfig#tickPeriodS()}.
 *
 * <p>Threading: {@link #onMessage} on the link's inbound thread; {@link #scheduled()} members on
 * the scheduler thread; the rest at start-up.
 */
public final class Commanding {
    private final String satelliteId;
    private final String software;
    private final TimeSource time;
    private final Downlink downlink;
    private final Topics topics;
    private final ModeControl modes;
    private final KeyRing keys;
    private final ReplayWindow replay;
    private final ArmTokens arms;
    private final CommandRegistry registry = new CommandRegistry();
    private final ParameterRegistry parameters = new ParameterRegistry();
    private final CommandCounters counters = new CommandCounters();
    private final CommandDictionary dictionary = new CommandDictionary();
    private final VerificationReporter reporter;
    private final CommandExecutor executor;
    private final CommandDispatcher dispatcher;
    private final Path stateDir;
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final TimeTagSchedule timeTags;
    private final CommandSequences sequences;

    /**
     * @param configDir folder of the config file, against which relative paths resolve
     * @param software  software name and version for the dictionary
     */
    public Commanding(CommandingConfig config, Path configDir, String satelliteId, String software, TimeSource time,
                      Downlink downlink, Topics topics, ModeControl modes, EventSink events) {
        this.satelliteId = satelliteId;
        this.software = software;
        this.time = time;
        this.downlink = downlink;
        this.topics = topics;
        this.modes = modes;
        this.stateDir = configDir.resolve(config.stateDir()).normalize();
        this.keys = KeyRing.load(configDir.resolve(config.keyFile()), stateDir.resolve("keys-state.json"), satelliteId,
                "commanding.keyFile");
        try {
            this.replay = new ReplayWindow(stateDir.resolve("replay.json"), config.replayWindow(), config.replayReserve());
        } catch (IOException e) {
            throw new ConfigException("commanding.stateDir", "anti-replay state in " + stateDir + " unreadable: "
                    + e.getMessage());
        }
        this.arms = new ArmTokens(Duration.ofMillis(Math.round(config.armTimeoutS() * 1000)),
                () -> counters.evicted(CommandCounters.Memory.ARM_TOKENS));
        modes.onModeChange(mode -> arms.clear());
        this.reporter = new VerificationReporter(downlink, topics,
                () -> counters.evicted(CommandCounters.Memory.RECENT_REPORTS));
        this.executor = new CommandExecutor(satelliteId, time, modes, reporter, counters, config.queueLimit());
        this.dispatcher = new CommandDispatcher(satelliteId, time, registry, keys, replay, arms, modes, reporter, counters,
                executor, config.maxPayloadBytes());
        registry.registerAll(CoreCommands.all(registry, arms, keys, modes, parameters, this::publishDictionary));
        registry.registerAll(parameters.commands());
        parameters.register(new io.sunsync.flight.cmd.param.ParameterSpec("commanding.armTimeoutS", "number", "s", 1.0,
                3600.0, "how long an arm token stays valid (mission time)",
                () -> arms.lifetime().toMillis() / 1000.0,
                v -> arms.setLifetime(Duration.ofMillis(Math.round(v.asDouble() * 1000)))));
        this.timeTags = new TimeTagSchedule(stateDir, registry, executor, reporter.defaultReplyTo(), events);
        this.sequences = new CommandSequences(stateDir, registry, executor, reporter.defaultReplyTo(), events);
        registry.registerAll(timeTags.commands());
        registry.registerAll(sequences.commands());
        dictionary.declare(List.of(
                new EventDefinition("TIMETAG_DROPPED", Severity.LOW, "commanding",
                        "a time-tagged command came due but its command no longer exists"),
                new EventDefinition("SEQUENCE_STARTED", Severity.INFO, "commanding", "a stored sequence started"),
                new EventDefinition("SEQUENCE_COMPLETED", Severity.INFO, "commanding", "a stored sequence ran every step"),
                new EventDefinition("SEQUENCE_ABORTED", Severity.LOW, "commanding",
                        "a stored sequence stopped early (a step failed, or seq.stop)")));
        scheduled.add(timeTags);
        scheduled.add(sequences);
        scheduled.add(executor);
        scheduled.add(Scheduled.of("refusal-log", now -> dispatcher.flushRefusalLog()));
    }

    /** The dispatcher (its refusal log's suppressed count, for tests). */
    public CommandDispatcher dispatcher() {
        return dispatcher;
    }

    /** The time-tag schedule (PUS 11). */
    public TimeTagSchedule timeTags() {
        return timeTags;
    }

    /** Stored sequences; also the event-action sink: give it every on-board event. */
    public CommandSequences sequences() {
        return sequences;
    }

    /** Registers the board and thermal commands for this hardware, board power through {@code boardControl}. */
    public void registerHardware(List<AcceleratorBoard> boards, ThermalControl thermal,
                                 io.sunsync.flight.cmd.builtin.BoardControl boardControl) {
        registry.registerAll(HardwareCommands.all(boards, thermal, boardControl));
    }

    /** Where owners register their commands. */
    public CommandRegistry registry() {
        return registry;
    }

    /** Where owners register their parameters. */
    public ParameterRegistry parameters() {
        return parameters;
    }

    /** The event catalogue of the dictionary. */
    public CommandDictionary dictionary() {
        return dictionary;
    }

    /** Runs commands (time-tags and sequences hand theirs here). */
    public CommandExecutor executor() {
        return executor;
    }

    public CommandCounters counters() {
        return counters;
    }

    public KeyRing keys() {
        return keys;
    }

    public ReplayWindow replayWindow() {
        return replay;
    }

    public ArmTokens armTokens() {
        return arms;
    }

    public VerificationReporter reporter() {
        return reporter;
    }

    /** The state folder (time-tags and sequences keep their files here too). */
    public Path stateDir() {
        return stateDir;
    }

    /** The topic to subscribe {@link #onMessage} to: {@code sunsync/{sat}/tc}. */
    public String commandTopic() {
        return topics.under("tc");
    }

    /** Components for the commanding rate group, in call order. */
    public List<Scheduled> scheduled() {
        return List.copyOf(scheduled);
    }

    /** Adds a component to the commanding rate group, first (before time-tags, sequences and the executor). */
    public void schedule(Scheduled component) {
        scheduled.add(0, component);
    }

    /** Handles one telecommand message (link inbound thread). */
    public void onMessage(InboundMessage message) {
        dispatcher.onMessage(message);
    }

    /** Publishes the dictionary (retained) on {@code sunsync/{sat}/dict}. */
    public void publishDictionary() {
        downlink.send(new OutboundMessage(topics.under("dict"), Json.encode(dictionary.build(satelliteId, software,
                time.now(), registry, parameters, modes, topics.housekeeping())), 1, true));
    }

    /** Time-tagged commands waiting. */
    public int timeTagged() {
        return timeTags.size();
    }

    /** Stored sequences running. */
    public int sequencesRunning() {
        return sequences.running();
    }

    /** The satellite id. */
    public String satelliteId() {
        return satelliteId;
    }
}
