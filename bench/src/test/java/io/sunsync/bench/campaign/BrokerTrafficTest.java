package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.bench.campaign.BrokerTraffic.Fate;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerTrafficTest {
    static final String TOPIC = "sunsync/SAT/tc";

    /**
     * Lines as Mosquitto 2.0.11 writes them with log_type all (the shape of the 1,000-kill campaign's
     * log): flight takes one command; while it is down two more are queued for its session (ids 8
     * and 9); it comes back, is sent both and dies before acknowledging them; by its next session they
     * have expired and only the next command (id 10) is sent.
     */
    static final String LOG = """
            1796455870: New client connected from 127.0.0.1:40000 as flight-SAT (p5, c0, k10).
            1796455871: Received PUBLISH from ground-SAT (d0, q1, r0, m5, 'sunsync/SAT/tc', ... (412 bytes))
            1796455871: Sending PUBLISH to flight-SAT (d0, q1, r0, m7, 'sunsync/SAT/tc', ... (412 bytes))
            1796455871: Sending PUBLISH to ground-SAT (d0, q1, r0, m9, 'sunsync/SAT/tm/hk', ... (900 bytes))
            1796455872: Received PUBACK from flight-SAT (Mid: 7, RC:0)
            1796455872: Received PUBACK from ground-SAT (Mid: 9, RC:0)
            1796455873: Client flight-SAT closed its connection.
            1796455880: Received PUBLISH from ground-SAT (d0, q1, r0, m6, 'sunsync/SAT/tc', ... (336 bytes))
            1796455881: Received PUBLISH from ground-SAT (d0, q1, r0, m7, 'sunsync/SAT/tc', ... (209 bytes))
            1796455890: New client connected from 127.0.0.1:40002 as flight-SAT (p5, c0, k10).
            1796455890: Sending PUBLISH to flight-SAT (d1, q1, r0, m8, 'sunsync/SAT/tc', ... (336 bytes))
            1796455890: Sending PUBLISH to flight-SAT (d0, q1, r0, m9, 'sunsync/SAT/tc', ... (209 bytes))
            1796455890: Received PUBACK from flight-SAT (Mid: 4, RC:0)
            1796455890: Client flight-SAT closed its connection.
            1796456000: Received PUBLISH from ground-SAT (d0, q1, r0, m8, 'sunsync/SAT/tc', ... (374 bytes))
            1796456100: New client connected from 127.0.0.1:40004 as flight-SAT (p5, c0, k10).
            1796456100: Sending PUBLISH to flight-SAT (d0, q1, r0, m10, 'sunsync/SAT/tc', ... (374 bytes))
            1796456101: Received PUBACK from flight-SAT (Mid: 10, RC:0)
            """;

    @Test
    void matchesEachCommandToTheCopyQueuedForFlightByPacketIdAndTellsWhichFlightAcknowledged(@TempDir Path dir)
            throws Exception {
        BrokerTraffic t = read(dir, LOG);

        assertThat(t.mismatches()).isZero();
        assertThat(t.receiverSessions()).isEqualTo(3);
        assertThat(t.lastEpochS()).isEqualTo(1796456101L);
        assertThat(t.messages()).extracting(BrokerTraffic.Message::packetId).containsExactly(7, 8, 9, 10);
        assertThat(t.messages()).extracting(BrokerTraffic.Message::fate).containsExactly(Fate.ACKNOWLEDGED,
                Fate.SENT_NOT_ACKNOWLEDGED, Fate.SENT_NOT_ACKNOWLEDGED, Fate.ACKNOWLEDGED);
        BrokerTraffic.Message held = t.messages().get(1);
        assertThat(held.receivedEpochS()).isEqualTo(1796455880L);
        assertThat(held.bytes()).isEqualTo(336);
        assertThat(held.copiesSent()).isEqualTo(1);
        assertThat(held.lastSentEpochS()).isEqualTo(1796455890L);
        assertThat(held.ackedEpochS()).isEqualTo(-1L);
        // The PUBACK of an id no command holds (here 4) acknowledges nothing.
        assertThat(t.messages().get(3).ackedEpochS()).isEqualTo(1796456101L);
    }

    @Test
    void aCommandQueuedWhileFlightNeverConnectedIsNeverSent(@TempDir Path dir) throws Exception {
        BrokerTraffic t = read(dir, LOG.lines().limit(9).map(l -> l + "\n").reduce("", String::concat));

        assertThat(t.messages()).extracting(BrokerTraffic.Message::fate).containsExactly(Fate.ACKNOWLEDGED,
                Fate.NEVER_SENT, Fate.NEVER_SENT);
    }

    @Test
    void anotherClientsMessageOnTheTopicTakesAPacketIdButIsNotTheSendersCommand(@TempDir Path dir) throws Exception {
        String log = LOG.replace(
                "1796455881: Received PUBLISH from ground-SAT (d0, q1, r0, m7,",
                "1796455881: Received PUBLISH from intruder (d0, q1, r0, m1,");

        BrokerTraffic t = read(dir, log);

        assertThat(t.mismatches()).isZero();
        assertThat(t.messages()).extracting(BrokerTraffic.Message::packetId).containsExactly(7, 8, 10);
    }

    @Test
    void aCopyWhoseSizeIsNotItsMessagesIsAMismatch(@TempDir Path dir) throws Exception {
        // A message the count does not know of (a session the broker started afresh) shifts every id after it.
        String log = LOG.replace("m9, 'sunsync/SAT/tc', ... (209 bytes)", "m9, 'sunsync/SAT/tc', ... (210 bytes)");

        assertThat(read(dir, log).mismatches()).isEqualTo(1);
    }

    static BrokerTraffic read(Path dir, String log) throws Exception {
        Path file = dir.resolve("mosquitto.log");
        Files.writeString(file, log);
        return BrokerTraffic.read(file, TOPIC, "ground-SAT", "flight-SAT");
    }
}
