package io.sunsync.flight.app;

import io.sunsync.flight.actuate.BoardActuator;
import io.sunsync.flight.actuate.BoardCommand;
import io.sunsync.flight.cmd.CommandCounters;
import io.sunsync.flight.cmd.Commanding;
import io.sunsync.flight.cmd.EventDefinition;
import io.sunsync.flight.cmd.ModeControl;
import io.sunsync.flight.cmd.builtin.BoardControl;
import io.sunsync.flight.cmd.builtin.CoreCommands;
import io.sunsync.flight.cmd.builtin.DownlinkCommands;
import io.sunsync.flight.cmd.builtin.JobCommands;
import io.sunsync.flight.cmd.param.ParameterSpec;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.hk.HousekeepingCollector;
import io.sunsync.flight.hk.HousekeepingFrame;
import io.sunsync.flight.jobs.JobEvents;
import io.sunsync.flight.jobs.JobRunner;
import io.sunsync.flight.jobs.check.ResultChecker;
import io.sunsync.flight.lifecycle.AbstractLifecycle;
import io.sunsync.flight.lifecycle.ComponentGroup;
import io.sunsync.flight.lifecycle.ComponentGroup.Component;
import io.sunsync.flight.lifecycle.Lifecycle;
import io.sunsync.flight.link.LinkConfig;
import io.sunsync.flight.link.LinkEventReporter;
import io.sunsync.flight.link.LinkEventSink;
import io.sunsync.flight.link.MqttLink;
import io.sunsync.flight.link.Topics;
import io.sunsync.flight.link.auth.TelemetryAuthenticator;
import io.sunsync.flight.link.outbox.Outbox;
import io.sunsync.flight.link.outbox.OutboxStats;
import io.sunsync.flight.link.outbox.StreamRouting;
import io.sunsync.flight.link.results.ResultSource;
import io.sunsync.flight.link.results.ResultsDownlink;
import io.sunsync.flight.orbit.ForecastStore;
import io.sunsync.flight.orbit.OrbitKnowledge;
import io.sunsync.flight.protect.PowerProtection;
import io.sunsync.flight.sched.RateGroup;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.flight.sched.Scheduler;
import io.sunsync.flight.systemd.SystemdNotifier;
import io.sunsync.flight.systemd.WatchdogKeeper;
import io.sunsync.flight.throttle.Workload;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.HardwareAssembly;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the hardware from the config, then the link, the housekeeping
 * collector and the rate groups, and declares once the order its components start in
 * ({@link #components()}: link, commanding, orbit, hardware, results, jobs); they stop in the
 * reverse of it. A required component that fails to start stops the ones before it and leaves the
 * application {@code FAILED} with the cause ({@link io.sunsync.flight.lifecycle.ComponentStartException});
 * the job runner is retried instead: the satellite flies on without jobs and its start is tried
 * again every 10 s. Stopping drives the hardware to its declared safe state (the {@code hardware}
 * component) after the jobs have stopped, and flushes the link (up to 30 s) last.
 *
 * <p>Threading: {@link #run(Duration)} runs the scheduler on the calling thread;
 * {@link #requestStop()} may be called from any thread (e.g. a shutdown hook); {@link #start()}
 * and {@link #stop()} as {@link Lifecycle}.
 */
public final class FlightApplication implements Lifecycle, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FlightApplication.class);
    /** Software version reported in the birth message. */
    public static final String VERSION = "0.1.0";

    private final FlightConfig config;
    private final HardwareAssembly hardware;
    private final MqttLink link;
    private final ResultsDownlink results;
    private final EventSink events;
    private volatile EventSink eventActions;
    private final HousekeepingCollector housekeeping;
    private final ControlChain control;
    private final SystemdNotifier systemd;
    private final Scheduler scheduler;
    private final AutomatonModeControl modeControl;
    private final Commanding commanding;
    private final JobRunner jobs;
    private final ResultChecker checks;
    private final OrbitKnowledge orbit;
    private final ComponentGroup components;
    /** How long after a failed start the job runner is started again. */
    private static final Duration JOB_START_RETRY = Duration.ofSeconds(10);
    /** How long a clean stop waits for the link to deliver what is queued. */
    private static final Duration LINK_FLUSH = Duration.ofSeconds(30);
    /** The origin of ground board commands at the actuator. */
    private static final String GROUND = "ground";

    /** Builds everything; nothing is started yet. */
    /** The MQTT client id flight connects with, for satellite {@code satelliteId} (its session on the broker). */
    public static String clientId(String satelliteId) {
        return "sunsync-" + satelliteId;
    }

    public FlightApplication(FlightConfig config, Path configDir) {
        this.config = config;
        this.hardware = HardwareAssembly.build(config.hardware(), configDir, "hardware");
        String sat = config.satellite().id();
        Topics topics = new Topics(sat);
        LinkConfig linkConfig = config.link().resolvedAgainst(configDir);
        Outbox outbox = Outbox.open(linkConfig.outbox(), hardware.timeSource(), new StreamRouting(topics.under("")));
        this.link = new MqttLink(linkConfig, topics, clientId(sat), this::presence, outbox);
        TelemetryAuthenticator telemetryAuth = null;
        if (linkConfig.telemetryKeyFile() != null) {
            telemetryAuth = TelemetryAuthenticator.load(Path.of(linkConfig.telemetryKeyFile()),
                    linkConfig.outbox().dir().resolve("tm-keys-state.json"), sat);
            link.authenticateWith(telemetryAuth);
        } else {
            LOG.warn("no link.telemetryKeyFile in the config: telemetry goes down unsigned, and a ground that "
                    + "verifies telemetry refuses all of it");
        }
        EventSink down = new LinkEventSink(link, topics);
        // Every on-board event goes down the link and to the event-action table (stored sequences).
        this.events = event -> {
            down.emit(event);
            EventSink actions = eventActions;
            if (actions != null) {
                actions.emit(event);
            }
        };
        link.setListener(new LinkEventReporter(events, hardware.timeSource()));
        ControlChain[] controlRef = new ControlChain[1];
        SuspectIsolations suspects = new SuspectIsolations(() -> controlRef[0].fdir());
        this.checks = config.jobs() == null ? null : new ResultChecker(config.jobs().checks(),
                config.jobs().dataDirIn(configDir).resolve("quarantine.json"), events, suspects);
        this.jobs = config.jobs() == null ? null : new JobRunner(config.jobs(), config.jobs().dataDirIn(configDir),
                hardware.boards(), hardware.timeSource(), events, checks);
        JobWorkload workload = jobs == null ? null : new JobWorkload(jobs);
        // Finished results come from the job runner's store; without a jobs section there are none.
        this.results = new ResultsDownlink(jobs == null ? ResultSource.NONE : new JobResultSource(jobs), outbox, topics, linkConfig.outbox().dir().resolve("results"),
                hardware.timeSource(), linkConfig.results(), () -> link.stats().connected(), events);
        link.addListener(new io.sunsync.flight.link.LinkListener() {
            @Override
            public void onConnected(boolean sessionPresent, int attempts, long outageMs) {
                results.wakeUp();
            }

            @Override
            public void onDrop(io.sunsync.flight.link.outbox.DropReport report) {
                results.onDrop(report);
            }
        });
        this.control = ControlChain.build(hardware, config.throttler(), config.modes(), config.fdir(), config.actuation(),
                config.protection(), workload == null ? Workload.everyBoardBusy() : workload,
                workload == null ? (boardId, why) -> { } : workload, events);
        controlRef[0] = control;
        this.housekeeping = new HousekeepingCollector(sat, hardware.power(), hardware.thermal(), hardware.boards(),
                link, topics, this::linkStats, this::rateStats, () -> control.modes().mode().name());
        housekeeping.addSection("control", control::housekeeping);
        housekeeping.addSection("actuation", control.actuator()::stats);
        housekeeping.addSection("protection", control.protection()::stats);
        Path orbitDir = config.orbit().stateDir() != null ? configDir.resolve(config.orbit().stateDir())
                : config.commanding() != null ? configDir.resolve(config.commanding().stateDir()).resolve("orbit") : null;
        this.orbit = new OrbitKnowledge(config.orbit(), control.throttler().forecaster(),
                orbitDir == null ? null : new ForecastStore(orbitDir), hardware.navigation(), events,
                hardware.timeSource().isVirtual());
        housekeeping.addSection("orbit", () -> orbit.housekeeping(hardware.timeSource().now()));
        Duration hkPeriod = Duration.ofMillis(Math.round(config.telemetry().housekeepingPeriodS() * 1000));
        this.systemd = new SystemdNotifier(System.getenv());
        // Keep-alives come from the scheduler thread itself: if the loop hangs, systemd restarts us.
        RateGroup watchdog = new RateGroup("watchdog", Duration.ofSeconds(1),
                List.of(new WatchdogKeeper(systemd, System::nanoTime)));
        List<RateGroup> groups = new ArrayList<>(List.of(control.protectionGroup(), control.group(),
                new RateGroup("housekeeping", hkPeriod, List.of(housekeeping)), watchdog,
                new RateGroup("planning", Duration.ofMillis(Math.round(config.orbit().planningPeriodS() * 1000)),
                        List.of(orbit))));
        if (jobs != null) {
            groups.add(new RateGroup("jobs", Duration.ofMillis(Math.round(config.jobs().tickPeriodS() * 1000)),
                    // jobs-start starts the job runner again while its start fails
                    List.of(Scheduled.of("jobs-start", now -> components().tick(now)), jobs, suspects)));
        }
        this.modeControl = new AutomatonModeControl(control.modes(), hardware.timeSource());
        if (config.commanding() != null) {
            this.commanding = new Commanding(config.commanding(), configDir, sat, "sunsync-flight " + VERSION,
                    hardware.timeSource(), link, topics, modeControl, events);
            eventActions = commanding.sequences();
            if (telemetryAuth != null) {
                if (telemetryAuth.keys().sharesAKeyWith(commanding.keys())) {
                    throw new ConfigException(TelemetryAuthenticator.CONFIG_KEY,
                            "holds a key that is also a command key: telemetry keys must be distinct");
                }
                commanding.registry().register(CoreCommands.keyRotation("telemetry.key.rotate",
                        "Activates a pre-loaded telemetry key and revokes the active one for good (messages sent from "
                                + "then on, resends included, carry the new key's MAC)", telemetryAuth.keys()));
            }
            if (jobs != null) {
                commanding.registry().registerAll(JobCommands.all(jobs));
            }
            commanding.registry().registerAll(DownlinkCommands.all(link.outbox().routing()));
            // Ground board commands go through the actuator like every other board command, and wait
            // for the device at most the command time limit.
            BoardActuator actuator = control.actuator();
            Duration groundWait = config.actuation().commandTimeout();
            commanding.registerHardware(hardware.boards(), hardware.thermal(), new BoardControl() {
                @Override
                public CommandResult enable(AcceleratorBoard board, Instant now) {
                    control.fdir().restore(now, board.spec().id());
                    if (checks != null) {
                        checks.restore(board.spec().id(), now); // its strikes for wrong results are forgotten too
                    }
                    // the throttler may shed it again if the budget says so
                    return actuator.execute(board.spec().id(), BoardCommand.enabled(true), GROUND, groundWait);
                }

                @Override
                public CommandResult disable(AcceleratorBoard board, Instant now) {
                    control.fdir().isolateOnCommand(now, board.spec().id());
                    return actuator.execute(board.spec().id(), BoardCommand.enabled(false), GROUND, groundWait);
                }

                @Override
                public CommandResult capCeiling(AcceleratorBoard board, double capW, Instant now) {
                    // The throttler holds the board at or below the ceiling from its next tick on;
                    // bring it down now if it is above.
                    control.throttler().setCeiling(board.spec().id(), capW);
                    double current = board.read().capW();
                    return Double.isFinite(current) && current <= capW ? CommandResult.success()
                            : actuator.execute(board.spec().id(), BoardCommand.cap(capW), GROUND, groundWait);
                }

                @Override
                public CommandResult reset(AcceleratorBoard board, Instant now) {
                    return actuator.execute(board.spec().id(), BoardCommand.reset(), GROUND, groundWait);
                }
            });
            double basePeriodS = config.telemetry().housekeepingPeriodS();
            commanding.parameters().register(new ParameterSpec("telemetry.hk.periodS", "number", "s", basePeriodS, 3600.0,
                    "housekeeping period (not below telemetry.housekeepingPeriodS of the config)",
                    () -> Math.max(basePeriodS, housekeeping.periodS()), v -> housekeeping.setPeriodS(v.asDouble())));
            commanding.dictionary().declare(List.of(
                    new EventDefinition("FLIGHT_STARTED", Severity.INFO, "flight", "the flight software started"),
                    new EventDefinition("FLIGHT_STOPPING", Severity.INFO, "flight", "the flight software is stopping cleanly"),
                    new EventDefinition("MODE_NOMINAL", Severity.INFO, "modes", "entered NOMINAL"),
                    new EventDefinition("MODE_POWER_SAVE", Severity.MEDIUM, "modes", "entered POWER_SAVE"),
                    new EventDefinition("MODE_SAFE", Severity.HIGH, "modes", "entered SAFE"),
                    new EventDefinition("LINK_UP", Severity.INFO, "link", "connected to the broker (data: sessionPresent, attempts, outageS)"),
                    new EventDefinition("LINK_DOWN", Severity.LOW, "link", "lost the broker (data: reason)"),
                    new EventDefinition("LINK_CONNECT_FAILED", Severity.MEDIUM, "link",
                            "cannot connect (data: failure = UNREACHABLE|TLS_HANDSHAKE|BAD_CREDENTIALS|NOT_AUTHORIZED|TIMEOUT|REFUSED, detail)"),
                    new EventDefinition("LINK_SUBSCRIPTION_REFUSED", Severity.HIGH, "link", "the broker refused a subscription (data: filter, reasonCode)"),
                    new EventDefinition("LINK_INBOUND_DROPPED", Severity.MEDIUM, "link",
                            "received messages dropped unhandled, the inbound queue full (data: reason = QOS0_QUEUE_FULL|QUEUE_FULL, count, total)"),
                    new EventDefinition("OUTBOX_DROPPED", Severity.MEDIUM, "link",
                            "messages given up on (data: reason, stream, count, droppedBytes, firstSeq, lastSeq)"),
                    new EventDefinition("OUTBOX_RECOVERED", Severity.INFO, "link", "messages recovered from the outbox after a restart"),
                    new EventDefinition("OUTBOX_DAMAGED", Severity.MEDIUM, "link", "outbox bytes that were not valid records were skipped"),
                    new EventDefinition("OUTBOX_STATE_LOST", Severity.MEDIUM, "link", "the outbox state file was missing or unreadable"),
                    new EventDefinition("RESULT_SENT", Severity.INFO, "results", "every chunk of a result went; awaiting acknowledgement"),
                    new EventDefinition("RESULT_ACKNOWLEDGED", Severity.INFO, "results", "the ground acknowledged a result"),
                    new EventDefinition("RESULT_CORRUPT", Severity.HIGH, "results", "a result file does not match its recorded SHA-256"),
                    new EventDefinition("RESULT_UNREADABLE", Severity.HIGH, "results", "a result file could not be read"),
                    new EventDefinition("RESULT_UNSENDABLE", Severity.HIGH, "results", "a job id or file name cannot be used in a topic"),
                    new EventDefinition("BOARD_COMMAND_FAILED", Severity.LOW, BoardActuator.SOURCE,
                            "a board refused a command or it did not verify (data: board, command, origin, fault, latencyMs)"),
                    new EventDefinition("BOARD_COMMAND_TIMEOUT", Severity.MEDIUM, BoardActuator.SOURCE,
                            "a board command ran past actuation.commandTimeoutS; the board's later commands wait for it "
                                    + "(data: board, command, origin, fault, latencyMs)"),
                    new EventDefinition("POWER_PROTECTION_TRIP", Severity.HIGH, PowerProtection.SOURCE,
                            "the fast power protection shed every board before the bus browned out (data: trigger = "
                                    + "BATTERY_DISCHARGE|ARRAY_COLLAPSE|BUS_UNDERVOLTAGE, dischargeW, projectedW, tripW, "
                                    + "arraySlopeWps, busV, boards, shed, shedMs)")));
            ForecastCommands.register(commanding.registry(), orbit, config.throttler().ephemerisUncertaintyS(),
                    hardware.timeSource()::now);
            commanding.dictionary().declare(OrbitKnowledge.EVENTS);
            if (jobs != null) {
                commanding.dictionary().declare(JobEvents.ALL.stream()
                        .map(d -> new EventDefinition(d.code(), d.severity(), JobRunner.SOURCE, d.description())).toList());
                commanding.dictionary().declare(List.of(
                        new EventDefinition(ComponentGroup.unavailableCode(JobRunner.SOURCE), Severity.HIGH, JobRunner.SOURCE,
                                "the job runner did not start (e.g. a full disk): flight flies on, submissions are refused "
                                        + "NOT_READY, and the start is tried again every " + JOB_START_RETRY.toSeconds() + " s"),
                        new EventDefinition(ComponentGroup.availableCode(JobRunner.SOURCE), Severity.INFO, JobRunner.SOURCE,
                                "the job runner started on a later attempt")));
            }
            commanding.schedule(modeControl);
            link.subscribe(commanding.commandTopic(), 1, commanding::onMessage);
            link.limitInboundPackets(MqttLink.maxInboundPacketFor(config.commanding().maxPayloadBytes()));
            housekeeping.addSection("commanding", this::commandingStats);
            groups.add(new RateGroup("commanding",
                    Duration.ofMillis(Math.round(config.commanding().tickPeriodS() * 1000)), commanding.scheduled()));
        } else {
            this.commanding = null;
            LOG.warn("no commanding section in the config: this satellite accepts no telecommands");
        }
        link.flushOnStop(LINK_FLUSH);
        // The start order, declared once; stop is its reverse.
        List<Component> order = new ArrayList<>();
        order.add(Component.required("link", link));
        if (commanding != null) {
            order.add(Component.required("commanding", AbstractLifecycle.of("commanding", commanding::publishDictionary,
                    () -> { })));
        }
        // The stored forecast, before the first control tick.
        order.add(Component.required("orbit", AbstractLifecycle.of("orbit",
                () -> orbit.start(hardware.timeSource().now()), orbit::close)));
        // Stopped after the jobs: the hardware to its declared safe state, then the actuator's pool.
        order.add(Component.required("hardware", AbstractLifecycle.of("hardware",
                () -> LOG.info("safe states: {}", control.safing().declared()), this::safeAndClose)));
        order.add(Component.required("results", results));
        if (jobs != null) {
            // Journal replay and recovery before the first tick; without it the satellite flies on
            // without jobs (submissions are refused NOT_READY) and the start is tried again.
            order.add(Component.retried(JobRunner.SOURCE, jobs, JOB_START_RETRY));
        }
        this.components = new ComponentGroup("flight", order, events, hardware.timeSource(), System::nanoTime);
        housekeeping.addSection("components", components::statuses);
        this.scheduler = new Scheduler(hardware.timeSource(), groups);
        scheduler.onClockJump((expected, actual) -> {
            LOG.warn("clock jumped: a cycle due at {} found the clock at {}; schedule restarted", expected, actual);
            events.emit(new Event(actual, Severity.MEDIUM, "flight", "CLOCK_JUMP", "clock jumped "
                    + Duration.between(expected, actual).toSeconds() + " s; the schedule restarted from the new time",
                    Map.of("expected", expected.toString(), "actual", actual.toString(),
                            "jumpS", Duration.between(expected, actual).toSeconds())));
        });
    }

    /** Commanding counters for the housekeeping frame (schema: hk.schema.json#/properties/commanding). */
    public record CommandingStats(long received, long accepted, long rejected, Map<String, Long> rejectedBy,
                                  long completed, long failed, long duplicates, int timeTagged, int sequencesRunning,
                                  int activeKeyId, long lastSeq, Map<String, Long> evicted) {
    }

    private CommandingStats commandingStats() {
        CommandCounters.Snapshot c = commanding.counters().snapshot();
        return new CommandingStats(c.received(), c.accepted(), c.rejected(), c.rejectedBy(), c.completed(),
                c.failed(), c.duplicates(), commanding.timeTagged(), commanding.sequencesRunning(),
                commanding.keys().activeKeyId(), commanding.replayWindow().last(), c.evicted());
    }

    /** Commanding, or empty when the config has no {@code commanding} section. */
    public Optional<Commanding> commanding() {
        return Optional.ofNullable(commanding);
    }

    /** The job runner (command link: {@link io.sunsync.flight.jobs.JobService}), or empty without a {@code jobs} section. */
    public Optional<JobRunner> jobs() {
        return Optional.ofNullable(jobs);
    }

    /** The mode port commanding uses (backed by the mode automaton). */
    public ModeControl modeControl() {
        return modeControl;
    }

    private Map<String, Object> presence() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sat", config.satellite().id());
        m.put("software", "sunsync-flight " + VERSION);
        m.put("t", hardware.timeSource().now().toString());
        m.put("backends", hardware.chosen());
        return m;
    }

    private HousekeepingFrame.Link linkStats() {
        MqttLink.Stats s = link.stats();
        Map<String, Long> droppedByStream = new LinkedHashMap<>();
        for (OutboxStats.StreamStats st : link.outboxStats().streams().values()) {
            if (st.dropped() > 0) {
                droppedByStream.put(st.stream(), st.dropped());
            }
        }
        return new HousekeepingFrame.Link(s.connected(), s.queued(), s.sent(), s.dropped(), s.outboxBytes(),
                droppedByStream, s.inboundReceived(), s.inboundDropped());
    }

    private List<HousekeepingFrame.Rate> rateStats() {
        return scheduler.groups().stream().map(RateGroup::stats)
                .map(s -> new HousekeepingFrame.Rate(s.name(), s.cycles(), s.overruns(), s.failures())).toList();
    }

    /** The on-board orbit knowledge (elements, prediction, stored forecast, navigation). */
    public OrbitKnowledge orbit() {
        return orbit;
    }

    /** The control chain (sampler, fault protection, modes, throttler). */
    public ControlChain control() {
        return control;
    }

    /** The components in their start order, with their states and health. */
    public ComponentGroup components() {
        return components;
    }

    /** The hardware as assembled from the config. */
    public HardwareAssembly hardware() {
        return hardware;
    }

    /**
     * Starts the components in their declared order ({@link #components()}) and reports
     * {@code FLIGHT_STARTED}.
     *
     * @throws io.sunsync.flight.lifecycle.ComponentStartException when a required component did not
     *         start: the ones before it are stopped again and the application is {@code FAILED}
     * @throws IllegalStateException when already started or stopped
     */
    @Override
    public void start() {
        components.start();
        events.emit(Event.of(hardware.timeSource().now(), Severity.INFO, "flight", "FLIGHT_STARTED",
                "flight software " + VERSION + " started with backends " + hardware.chosen()));
    }

    /**
     * Starts the application unless {@link #start()} did already, runs the rate groups for
     * {@code missionTime} of mission time (null for ever, or until {@link #requestStop()}), then
     * stops it ({@link #stop()}). If the scheduler throws, the application is left running for
     * {@link #close()}.
     *
     * @throws io.sunsync.flight.lifecycle.ComponentStartException when a required component did not start
     */
    public void run(Duration missionTime) throws InterruptedException {
        if (state() == State.NEW) {
            start();
        } else if (state() != State.RUNNING) {
            throw new IllegalStateException("flight cannot run in state " + state());
        }
        Instant start = hardware.timeSource().now();
        LOG.info("flight {} running from {} ({} time)", config.satellite().id(), start,
                hardware.timeSource().isVirtual() ? "virtual" : "wall-clock");
        systemd.ready("flying " + config.satellite().id());
        scheduler.run(missionTime == null ? null : start.plus(missionTime));
        systemd.stopping("stopping " + config.satellite().id());
        events.emit(Event.of(hardware.timeSource().now(), Severity.INFO, "flight", "FLIGHT_STOPPING",
                "flight software stopping cleanly"));
        stop();
    }

    /** The {@code hardware} component's stop: every device to its declared safe state, then the actuator's pool. */
    private void safeAndClose() {
        try {
            control.safing().apply("flight stopping");
        } finally {
            control.actuator().close();
        }
    }

    /**
     * The results downlink: the commanding side calls {@link ResultsDownlink#acknowledge} and
     * {@link ResultsDownlink#resend} from the result-ack and resend commands.
     */
    public ResultsDownlink results() {
        return results;
    }

    /** The link (stats, outbox, stream priorities via {@code link().outbox().routing()}). */
    public MqttLink link() {
        return link;
    }

    /** Asks the scheduler to stop after the current cycle. */
    public void requestStop() {
        scheduler.requestStop();
    }

    /**
     * Stops the components in the reverse of their start order (jobs, results, hardware to its
     * safe state, orbit, commanding, link with its flush); idempotent.
     */
    @Override
    public void stop() {
        components.stop();
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    @Override
    public State state() {
        return components.state();
    }

    @Override
    public Health health() {
        return components.health();
    }

    @Override
    public Optional<Throwable> failure() {
        return components.failure();
    }
}
