package io.sunsync.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.command.CommandSession;
import io.sunsync.ground.command.RefusedException;
import io.sunsync.ground.command.SequenceCounter;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tc.CommandSigner;
import io.sunsync.ground.tmauth.TelemetryKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.testing.Cli;
import io.sunsync.ground.testing.FlyingSatellite;
import io.sunsync.testkit.EmbeddedBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tc} and {@code job} against the real flight software on the sim backend, with
 * commanding, the job runner and the results downlink configured, over HiveMQ.
 */
class CommandingAgainstFlightTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAT = "sat-cmd";
    private static FlyingSatellite flight;
    private static Path profile;
    private static Path state;

    @TempDir
    static Path dir;

    @BeforeAll
    static void fly() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.shared();
        Path work = Files.createDirectories(dir.resolve(SAT));
        CommandKeyFile.generate(work.resolve("keys.json"), SAT, 2);
        flight = FlyingSatellite.start(dir, SAT, broker.url(), 10, """
                commanding: {keyFile: keys.json, stateDir: commanding}
                jobs: {dataDir: jobs}
                """);
        profile = dir.resolve("ground.yaml");
        Files.writeString(profile, """
                broker: {url: "%s"}
                satellites:
                  %s: {keyFile: %s, telemetryKeyFile: %s}
                """.formatted(broker.url(), SAT, work.resolve("keys.json"), FlyingSatellite.telemetryKeyFile(dir, SAT)));
        state = dir.resolve("ground-state");
    }

    @AfterAll
    static void land() throws Exception {
        flight.close();
    }

    private static Cli.Run ground(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--profile";
        all[args.length + 1] = profile.toString();
        all[args.length + 2] = "--state-dir";
        all[args.length + 3] = state.toString();
        return Cli.run(all);
    }

    @Test
    void aCommandIsSignedSentAndFollowedToCompletion() {
        Cli.Run r = ground("tc", "send", "ping", "echo=from the ground");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ping seq").contains("ACCEPTED").contains("COMPLETED").contains("from the ground");
    }

    @Test
    void aRangeViolationIsRefusedOnTheGroundNamingTheLimit() throws Exception {
        long before = seqUsed();
        Cli.Run r = ground("tc", "send", "board.cap", "board=board-00", "capW=200000");
        assertThat(r.exit()).isEqualTo(ExitCode.REFUSED_LOCALLY.code());
        assertThat(r.err()).contains("OUT_OF_RANGE").contains("100000").contains("capW");
        assertThat(seqUsed()).as("nothing was sent").isEqualTo(before);
        Cli.Run type = ground("tc", "send", "board.cap", "board=board-00", "capW=lots");
        assertThat(type.exit()).isEqualTo(ExitCode.REFUSED_LOCALLY.code());
        assertThat(type.err()).contains("BAD_ARGUMENT").contains("'lots' is not number");
        Cli.Run unknown = ground("tc", "send", "board.frobnicate");
        assertThat(unknown.err()).contains("UNKNOWN_COMMAND");
        Cli.Run extra = ground("tc", "send", "ping", "colour=blue");
        assertThat(extra.err()).contains("UNKNOWN_ARGUMENT").contains("echo");
        Cli.Run missing = ground("tc", "send", "board.cap", "board=board-00");
        assertThat(missing.err()).contains("MISSING_ARGUMENT").contains("capW");
    }

    @Test
    void aKeyFileOfAnotherSatelliteIsRefusedLocallyAndAWrongKeyByTheSatellite() throws Exception {
        Path other = dir.resolve("other.keys.json");
        CommandKeyFile.generate(other, "sat-other", 1);
        Cli.Run local = ground("tc", "send", "ping", "--command-keys", other.toString());
        assertThat(local.exit()).isEqualTo(ExitCode.REFUSED_LOCALLY.code());
        assertThat(local.err()).contains("NO_KEY").contains("sat-other");
        Path forged = dir.resolve("forged.keys.json");
        CommandKeyFile.generate(forged, SAT, 1);
        Cli.Run remote = ground("tc", "send", "ping", "--command-keys", forged.toString(), "--key-id", "1");
        assertThat(remote.exit()).isEqualTo(ExitCode.REJECTED.code());
        assertThat(remote.out()).contains("REJECTED (BAD_MAC)");
    }

    @Test
    void aCriticalCommandIsArmedThenExecutedOnlyWhenConfirmed() {
        Cli.Run declined = ground("tc", "send", "mode.set", "mode=POWER_SAVE", "reason=test");
        assertThat(declined.exit()).isEqualTo(ExitCode.DECLINED.code());
        Cli.Run done = ground("tc", "send", "mode.set", "mode=NOMINAL", "reason=test", "--yes");
        assertThat(done.exit()).as(done.out() + done.err()).isZero();
        assertThat(done.out()).contains("arm seq").contains("token").contains("mode.set seq").contains("COMPLETED");
    }

    @Test
    void aDryRunSignsButSendsNothing() throws Exception {
        long before = seqUsed();
        Cli.Run r = ground("tc", "send", "ping", "echo=x", "--dry-run");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"kid\"").contains("\"mac\"").contains("\"name\" : \"ping\"").contains("not sent");
        assertThat(seqUsed()).isEqualTo(before);
    }

    @Test
    void tcDescribeShowsArgumentsFromTheDictionary() {
        Cli.Run r = ground("tc", "describe", "--sat", SAT, "board.cap");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("capW").contains("1.0..100000.0").contains("W");
        assertThat(ground("tc", "list", "--sat", SAT).out()).contains("job.submit").contains("mode.set");
    }

    @Test
    void aJobIsSubmittedFollowedAndItsResultDownloadedVerifiedAndAcknowledged() throws Exception {
        Path spec = dir.resolve("job.yaml");
        Files.writeString(spec, """
                id: e2e-result
                owner: ground-test
                kind: process
                boards: {count: 1}
                process:
                  command: ["sh", "-c", "yes sunsync-result | head -c 150000 > $SUNSYNC_RESULT_DIR/data.txt"]
                """);
        Path out = dir.resolve("results");
        Cli.Run r = ground("job", "submit", spec.toString(), "--follow", "--out", out.toString(), "--follow-timeout-s", "120");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("job.submit seq").contains("JOB_SUCCEEDED").contains("verified")
                .contains("job.ackResult seq").contains("COMPLETED");
        String data = Files.readString(out.resolve("e2e-result/data.txt"));
        assertThat(data).hasSize(150_000).startsWith("sunsync-result\nsunsync-result\n");
        assertThat(out.resolve("e2e-result/manifest.json")).exists();
        Cli.Run list = ground("job", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).containsPattern("e2e-result\\s+ground-test\\s+\\d+\\s+SUCCEEDED");
    }

    @Test
    void aRunningJobIsCancelled() {
        Path spec = dir.resolve("long.json");
        try {
            Files.writeString(spec, """
                    {"id":"e2e-long","owner":"ground-test","kind":"process","boards":{"count":1},
                     "process":{"command":["sleep","600"]}}""");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(ground("job", "submit", spec.toString()).exit()).isZero();
        Cli.Run cancel = ground("job", "cancel", "e2e-long", "--reason", "test over");
        assertThat(cancel.exit()).as(cancel.out() + cancel.err()).isZero();
        assertThat(ground("job", "list").out()).containsPattern("e2e-long\\s+ground-test\\s+\\d+\\s+CANCELLED");
        Cli.Run again = ground("job", "cancel", "e2e-long");
        assertThat(again.exit()).isEqualTo(ExitCode.FAILED.code());
    }

    @Test
    void commandsSentTogetherAreEachFollowedToTheirOwnReport() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.shared();
        try (GroundConnection conn = new GroundConnection(ConnectSettings.transientSession(broker.url(),
                GroundConnection.randomClientId("batch")))) {
            CommandSession session = CommandSession.open(conn, SAT, Duration.ofSeconds(10), Clock.systemUTC(),
                    TelemetryKeys.read(List.of(FlyingSatellite.telemetryKeyFile(dir, SAT))));
            CommandSigner signer = CommandKeyFile.read(dir.resolve(SAT).resolve("keys.json")).signer(1);
            SequenceCounter seqs = new SequenceCounter(dir.resolve("batch-state"));
            List<CommandSession.Request> pings = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                pings.add(new CommandSession.Request("ping", JSON.createObjectNode().put("echo", "batch " + i)));
            }

            List<CommandSession.Result> results = session.sendEach(signer, seqs, pings, Duration.ofMinutes(10),
                    Duration.ofSeconds(20), CommandSession.lines(line -> { }));

            assertThat(results).hasSize(5).allSatisfy(r -> assertThat(r.completed()).isTrue());
            assertThat(results).extracting(CommandSession.Result::seq).doesNotHaveDuplicates();
            for (int i = 0; i < 5; i++) {
                // Each report came back to the command that asked for it (matched by correlation data).
                assertThat(results.get(i).last().data().path("echo").asText()).isEqualTo("batch " + i);
            }
            // A critical command needs its own arm-then-execute: refused before anything is sent.
            List<CommandSession.Request> critical = List.of(new CommandSession.Request("mode.set",
                    JSON.createObjectNode().put("mode", "NOMINAL").put("reason", "test")));
            assertThatThrownBy(() -> session.sendEach(signer, seqs, critical, Duration.ofMinutes(10),
                    Duration.ofSeconds(20), CommandSession.lines(line -> { })))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("critical");
        }
    }

    private static long seqUsed() throws Exception {
        Path f = state.resolve("tc-seq").resolve(SAT);
        return Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : 0;
    }
}
