package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerTrafficTest {
    // Lines as Mosquitto 2.0 writes them with log_type all.
    private static final String LOG = """
            1796455870: New client connected from 127.0.0.1:40000 as flight-SAT (p5, c0, k30).
            1796455871: Received PUBLISH from campaign-ground-SAT (d0, q1, r0, m5, 'sunsync/SAT/tc', ... (412 bytes))
            1796455871: Sending PUBLISH to flight-SAT (d0, q1, r0, m1, 'sunsync/SAT/tc', ... (412 bytes))
            1796455871: Sending PUBLISH to campaign-ground-SAT (d0, q1, r0, m9, 'sunsync/SAT/tm/hk', ... (900 bytes))
            1796455872: Received PUBACK from flight-SAT (Mid: 1, RC:0)
            1796455872: Received PUBACK from campaign-ground-SAT (Mid: 9, RC:0)
            1796455880: Received PUBLISH from campaign-ground-SAT (d0, q1, r0, m6, 'sunsync/SAT/tc', ... (412 bytes))
            1796455881: Received PUBLISH from campaign-ground-SAT (d0, q1, r0, m7, 'sunsync/SAT/tc', ... (412 bytes))
            """;

    @Test
    void countsTheTopicsPublishesCopiesAndTheReceiversAcknowledgements(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("mosquitto.log");
        Files.writeString(log, LOG);

        BrokerTraffic t = BrokerTraffic.read(log, "sunsync/SAT/tc");

        assertThat(t.count(BrokerTraffic.Kind.RECEIVED, 1796455870, 1796455890)).isEqualTo(3);
        assertThat(t.count(BrokerTraffic.Kind.SENT, 1796455870, 1796455890)).isEqualTo(1);
        // The ground's PUBACK of a housekeeping frame is not the command topic's.
        assertThat(t.count(BrokerTraffic.Kind.PUBACK, 1796455870, 1796455890)).isEqualTo(1);
        // Held at the broker: received after flight's last copy, never sent on.
        assertThat(t.describe(1796455875, 1796455890))
                .isEqualTo("broker log 1796455875-1796455890: 2 PUBLISH received on the topic, 0 copies sent to "
                        + "subscribers, 0 PUBACKs from them");
    }
}
