package io.sunsync.ground.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.console.command.CommandBoard;
import io.sunsync.ground.console.jobs.JobBoard;
import io.sunsync.ground.console.push.ClientFeed;
import io.sunsync.ground.console.push.FeedHub;
import io.sunsync.ground.console.push.Update;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.telemetry.Level;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.testing.Messages;
import io.sunsync.ground.testing.MutableClock;
import io.sunsync.ground.testing.SignedTelemetry;
import io.sunsync.ground.tmauth.TelemetryKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way telemetry comes into the console, message by message (no broker: the ingest's own step). */
class TelemetryIngestTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final FeedHub hub = new FeedHub(4, 1000);
    private final AlarmBook alarms = new AlarmBook(100, hub);
    private final FleetState fleet = new FleetState(PointCatalog.builtIn(), Map.of(), hub, alarms,
            new RecentFrames(10, 4, 60_000, clock), 3);
    private final EventLog events = new EventLog(100, hub);
    private final CommandBoard history = new CommandBoard(100, hub);
    private final JobBoard jobs = new JobBoard(100, hub);

    private TelemetryIngest ingest(TelemetryGate gate) {
        return new TelemetryIngest(ConnectSettings.transientSession("tcp://127.0.0.1:1", "test"), gate, fleet, events,
                alarms, history, jobs, hub, clock);
    }

    private static GroundConnection.Received msg(String topic, String payload, boolean retained) {
        return new GroundConnection.Received(topic, payload.getBytes(StandardCharsets.UTF_8), retained, 1, 1, false,
                Map.of(), null);
    }

    @Test
    void aLiveFrameBecomesTheSatellitesStateAndItsFleetRowGoesToTheFleetPages() throws Exception {
        ClientFeed page = hub.open("alice", true, null);
        TelemetryIngest in = ingest(TelemetryGate.unauthenticated());

        in.take(msg("sunsync/sat-001/tm/hk", Messages.hk("sat-001", 7, "2027-06-21T00:00:07Z", 38.0), false));

        SatelliteSnapshot s = fleet.get("sat-001").orElseThrow();
        assertThat(s.hk().path("seq").asLong()).isEqualTo(7);
        assertThat(s.levels()).containsEntry("power.socPct", Level.WARNING);
        assertThat(s.liveFrames()).isEqualTo(1);
        assertThat(s.liveRxMs()).isEqualTo(clock.millis());
        assertThat(page.take(0).items()).extracting(Update::key).contains("fleet:sat-001", "alarm:1");
        assertThat(alarms.list()).singleElement().satisfies(a ->
                assertThat(a.path("message").asText()).contains("power.socPct = 38.0 %").contains("warning"));
    }

    @Test
    void aRetainedFrameShowsWhatTheSatelliteLastSaidButProvesNothingLive() {
        TelemetryIngest in = ingest(TelemetryGate.unauthenticated());

        in.take(msg("sunsync/sat-001/tm/hk", Messages.hk("sat-001", 7, "2027-06-21T00:00:07Z", 80.0), true));

        SatelliteSnapshot s = fleet.get("sat-001").orElseThrow();
        assertThat(s.rxMs()).isEqualTo(clock.millis());
        assertThat(s.liveRxMs()).isZero();
        assertThat(s.liveFrames()).isZero();
    }

    @Test
    void aMessageTheGateRefusesIsCountedAndNeverBecomesState() {
        TelemetryIngest in = ingest(new TelemetryGate() {
            @Override
            public String refuse(GroundConnection.Received m) {
                return m.text().contains("\"seq\":666") ? "BAD_MAC" : null;
            }

            @Override
            public String name() {
                return "test-hmac";
            }
        });

        in.take(msg("sunsync/sat-001/tm/hk", Messages.hk("sat-001", 1, "2027-06-21T00:00:01Z", 80.0), false));
        in.take(msg("sunsync/sat-001/tm/hk", Messages.hk("sat-001", 666, "2027-06-21T00:00:02Z", 10.0), false));

        assertThat(fleet.get("sat-001").orElseThrow().hk().path("seq").asLong()).isEqualTo(1);
        assertThat(in.status().path("refused").path("BAD_MAC").asLong()).isEqualTo(1);
        assertThat(in.status().path("gate").asText()).isEqualTo("test-hmac");
        assertThat(alarms.list()).as("a forged low state of charge raises nothing").isEmpty();
    }

    @Test
    void theVerifyingGateLetsOnlyTheSatellitesSignedFramesBecomeStateAndDropsCopiesQuietly(@TempDir Path dir)
            throws Exception {
        SignedTelemetry sat1 = SignedTelemetry.generate(dir.resolve("sat-001.tm-keys.json"), "sat-001");
        TelemetryIngest in = ingest(TelemetryGate.verifying(TelemetryKeys.read(List.of(dir.resolve("sat-001.tm-keys.json")))));
        String topic = "sunsync/sat-001/tm/hk";
        byte[] good = Messages.hk("sat-001", 1, "2027-06-21T00:00:01Z", 80.0).getBytes(StandardCharsets.UTF_8);
        GroundConnection.Received signed = new GroundConnection.Received(topic, good, false, 1, 1, false,
                props(sat1.properties(topic, "tm/hk", 1, good)), null);

        in.take(signed);
        in.take(signed); // a QoS 1 redelivery
        in.take(msg(topic, Messages.hk("sat-001", 2, "2027-06-21T00:00:02Z", 10.0), false)); // anyone, unsigned
        in.take(msg("sunsync/sat-999/tm/hk", Messages.hk("sat-999", 1, "2027-06-21T00:00:02Z", 50.0), true));

        assertThat(fleet.get("sat-001").orElseThrow().hk().path("seq").asLong()).isEqualTo(1);
        assertThat(fleet.get("sat-999")).isEmpty();
        assertThat(in.status().path("gate").asText()).isEqualTo("hmac");
        assertThat(in.status().path("refused").path("UNSIGNED").asLong()).isEqualTo(1);
        assertThat(in.status().path("refused").path("NO_KEY").asLong()).isEqualTo(1);
        assertThat(in.status().path("refused").has("DUPLICATE")).isFalse();
        assertThat(in.status().path("duplicates").asLong()).isEqualTo(1);
        assertThat(alarms.list()).as("a forged low state of charge raises nothing").isEmpty();
    }

    private static Map<String, String> props(org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        p.getUserProperties().forEach(u -> m.put(u.getKey(), u.getValue()));
        return m;
    }

    @Test
    void malformedMessagesAndBadTopicsAreCountedNotCrashing() {
        TelemetryIngest in = ingest(TelemetryGate.unauthenticated());

        in.take(msg("sunsync/sat-001/tm/hk", "{not json", false));
        in.take(msg("sunsync/sat-001/evt", "{\"t\":\"yesterday\",\"severity\":\"HIGH\"}", false));
        in.take(msg("sunsync/../tm/hk", Messages.hk("x", 1, "2027-06-21T00:00:01Z", 80.0), false));
        in.take(msg("elsewhere", "{}", false));

        assertThat(in.status().path("malformed").asLong()).isEqualTo(2);
        assertThat(in.status().path("refused").path("BAD_TOPIC").asLong()).isEqualTo(2);
        assertThat(fleet.all()).isEmpty();
    }

    @Test
    void eventsAreNumberedAndSeriousOnesRaiseAlarmsAndJobEventsMoveTheirJob() {
        TelemetryIngest in = ingest(TelemetryGate.unauthenticated());

        in.take(msg("sunsync/sat-001/evt", """
                {"t":"2027-06-21T00:00:01Z","severity":"INFO","source":"jobs","code":"JOB_STARTED","message":"started",\
                "data":{"jobId":"j1"}}""", false));
        in.take(msg("sunsync/sat-001/evt", """
                {"t":"2027-06-21T00:00:02Z","severity":"HIGH","source":"fdir","code":"SAFE_MODE","message":"safe","data":{}}""",
                false));

        assertThat(events.list(null, io.sunsync.ground.events.Severity.INFO, 10)).extracting(e -> e.path("id").asLong())
                .containsExactly(2L, 1L);
        assertThat(alarms.list()).singleElement().satisfies(a -> {
            assertThat(a.path("subject").asText()).isEqualTo("SAFE_MODE");
            assertThat(a.path("level").asText()).isEqualTo("ALARM");
        });
        assertThat(jobs.list("sat-001")).singleElement().satisfies(j -> assertThat(j.path("state").asText()).isEqualTo("RUNNING"));
    }

    @Test
    void aLimitAlarmStaysUntilBothAcknowledgedAndCleared() {
        TelemetryIngest in = ingest(TelemetryGate.unauthenticated());
        in.take(msg("sunsync/sat-001/tm/hk", Messages.hk("sat-001", 1, "2027-06-21T00:00:01Z", 30.0), false));
        long id = alarms.list().get(0).path("id").asLong();
        assertThat(alarms.list().get(0).path("level").asText()).isEqualTo("ALARM");

        in.take(msg("sunsync/sat-001/tm/hk", Messages.hk("sat-001", 2, "2027-06-21T00:00:02Z", 80.0), false));
        assertThat(alarms.list()).as("cleared, not yet acknowledged").singleElement()
                .satisfies(a -> assertThat(a.path("cleared").asBoolean()).isTrue());

        clock.advance(Duration.ofSeconds(5));
        assertThat(alarms.acknowledge(id, "alice", clock.millis())).get().extracting(AlarmBook.Alarm::ackedBy).isEqualTo("alice");
        assertThat(alarms.list()).isEmpty();
        assertThat(alarms.acknowledge(id, "bob", clock.millis())).isEmpty();
    }

    @Test
    void satellitesPastTheCapacityAreCountedAndIgnored() {
        TelemetryIngest in = ingest(TelemetryGate.unauthenticated());
        for (int i = 1; i <= 5; i++) {
            String sat = "sat-00" + i;
            in.take(msg("sunsync/" + sat + "/tm/hk", Messages.hk(sat, 1, "2027-06-21T00:00:01Z", 80.0), false));
        }
        assertThat(fleet.all()).hasSize(3);
        assertThat(fleet.overCapacity()).isEqualTo(2);
    }
}
