package io.sunsync.flight.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.sunsync.flight.icd.IcdSchemas;
import io.sunsync.flight.link.InboundMessage;
import io.sunsync.flight.link.OutboundMessage;
import io.sunsync.flight.link.Topics;
import io.sunsync.hal.time.ManualTimeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Commanding on a fake clock and a capturing downlink, with two test commands. */
final class CommandingFixture {
    static final Instant T0 = Instant.parse("2027-06-21T00:00:00Z");
    static final String SAT = "sat-001";
    static final String REPLY = "sunsync/sat-001/tc/ack/test";

    final Path dir;
    final ManualTimeSource time = new ManualTimeSource(T0);
    final CapturingDownlink down = new CapturingDownlink();
    final InMemoryModeControl modes = new InMemoryModeControl();
    final AtomicInteger executed = new AtomicInteger();
    final java.util.List<io.sunsync.flight.events.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    final AtomicInteger powerLevel = new AtomicInteger(-1);
    final TestSigner ground = new TestSigner(SAT, 1, TestSigner.KEY1);
    final int replayReserve;
    Commanding commanding;

    CommandingFixture(Path dir) throws Exception {
        this(dir, 0);
    }

    /** @param replayReserve anti-replay numbers reserved per durable write (0: every number written) */
    CommandingFixture(Path dir, int replayReserve) throws Exception {
        this.dir = dir;
        this.replayReserve = replayReserve;
        TestSigner.writeKeyFile(dir, SAT);
        boot();
    }

    /** (Re)builds commanding over the same state folder, as a reboot does. */
    void boot() {
        commanding = new Commanding(new CommandingConfig("keys.json", "state", 30.0, 64, 4096, 0.1, 8, replayReserve), dir, SAT,
                "sunsync-flight test", time, down, new Topics(SAT), modes, events::add);
        commanding.registry().register(CommandSpec.builder("test.count")
                .description("counts executions")
                .arg(ArgSpec.integer("n", "a small number", 0, 10).optional())
                .handler(inv -> {
                    executed.incrementAndGet();
                    return Outcome.completed(Map.of("executions", executed.get()));
                }).build());
        commanding.registry().register(CommandSpec.builder("test.fail")
                .description("always fails")
                .handler(inv -> {
                    throw new CommandFailure(FailReason.HARDWARE_FAULT, "test hardware says no");
                }).build());
        commanding.registry().register(CommandSpec.builder("test.power")
                .description("a critical control-loop command allowed in NOMINAL only")
                .arg(ArgSpec.integer("level", "power level", 0, 5))
                .critical()
                .modes("NOMINAL")
                .execution(CommandSpec.Execution.CONTROL_LOOP)
                .handler(inv -> {
                    powerLevel.set((int) inv.integer("level"));
                    return Outcome.completed();
                }).build());
    }

    static InboundMessage message(byte[] payload) {
        return new InboundMessage("sunsync/sat-001/tc", payload, 1, false, false, REPLY,
                "corr-1".getBytes(StandardCharsets.UTF_8), 60L, Map.of());
    }

    /** Delivers {@code payload} as the link would, then runs one commanding tick. */
    void deliver(byte[] payload) {
        commanding.onMessage(message(payload));
        tick();
    }

    void tick() {
        commanding.scheduled().forEach(s -> s.tick(time.now()));
    }

    byte[] signed(long seq, String name, Map<String, ?> args) {
        return ground.sign(seq, name, args, T0.plusSeconds(3600));
    }

    JsonNode lastReport() {
        List<JsonNode> r = down.reports();
        assertThat(r).as("no report sent").isNotEmpty();
        return r.get(r.size() - 1);
    }

    /** The stages reported for {@code seq}, in order. */
    List<String> stages(long seq) {
        return down.reports().stream().filter(r -> r.path("seq").asLong(-1) == seq)
                .map(r -> r.path("stage").asText()).toList();
    }

    /** Asserts every report sent so far validates against the ICD schema (the contract). */
    void assertReportsMatchTheIcd() {
        for (OutboundMessage m : down.sent) {
            if (m.topic().contains("/tc/ack")) {
                List<Error> errors = IcdSchemas.validate(IcdSchemas.TC_REPORT, new String(m.payload(), StandardCharsets.UTF_8));
                assertThat(errors).as("report %s", new String(m.payload(), StandardCharsets.UTF_8)).isEmpty();
            }
        }
    }
}
