package io.sunsync.flight.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.icd.IcdSchemas;
import io.sunsync.flight.link.outbox.DropReason;
import io.sunsync.flight.link.outbox.DropReport;
import io.sunsync.flight.link.outbox.RecoveryReport;
import io.sunsync.flight.store.log.Damage;
import io.sunsync.hal.time.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkEventReporterTest {
    final List<Event> events = new ArrayList<>();
    final TimeSource time = new TimeSource() {
        @Override
        public Instant now() {
            return Instant.parse("2027-06-21T00:00:00Z");
        }

        @Override
        public void awaitUntil(Instant instant) {
        }
    };
    final LinkEventReporter reporter = new LinkEventReporter(events::add, time);

    @Test
    void everyDropIsOneEventPerStreamWithItsSequenceRange() {
        Map<String, DropReport.Loss> losses = new LinkedHashMap<>();
        losses.put("results", new DropReport.Loss(12, 786_432, 40, 51));
        losses.put("tm/hk", new DropReport.Loss(3, 2_400, 1000, 1002));
        reporter.onDrop(new DropReport(DropReason.STORAGE_FULL, losses));
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.code()).isEqualTo("OUTBOX_DROPPED");
            assertThat(e.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(e.data()).containsEntry("reason", "STORAGE_FULL");
        });
        assertThat(events.get(1).data()).containsEntry("stream", "tm/hk").containsEntry("count", 3L)
                .containsEntry("firstSeq", 1000L).containsEntry("lastSeq", 1002L);
        assertEveryEventMatchesTheIcd();
    }

    @Test
    void recoveryDamageAndConnectionChangesAreReportedWithTheirCodes() {
        reporter.onRecovered(new RecoveryReport(3, 120, 40,
                List.of(new Damage("normal-0000000000000002.seg", Damage.Kind.TORN_TAIL, 4096, 37,
                        "incomplete or garbage tail dropped (truncated payload)")), "state file missing", 12));
        reporter.onConnectFailed(ConnectFailure.TLS_HANDSHAKE, "PKIX path building failed");
        reporter.onConnected(true, 4, 95_000);
        reporter.onDisconnected("no PUBACK within 10 s");
        reporter.onSubscriptionRefused("sunsync/sat-001/tc", 0x87);
        reporter.onInboundDropped(InboundDrop.QOS0_QUEUE_FULL, 1936, 1936);
        assertThat(events).extracting(Event::code).containsExactly("OUTBOX_RECOVERED", "OUTBOX_DAMAGED",
                "OUTBOX_STATE_LOST", "LINK_CONNECT_FAILED", "LINK_UP", "LINK_DOWN", "LINK_SUBSCRIPTION_REFUSED",
                "LINK_INBOUND_DROPPED");
        assertThat(events.get(7).data()).containsEntry("reason", "QOS0_QUEUE_FULL").containsEntry("count", 1936L);
        assertThat(events.get(1).data()).containsEntry("kind", "TORN_TAIL").containsEntry("lengthBytes", 37L);
        assertThat(events.get(3).data()).containsEntry("failure", "TLS_HANDSHAKE");
        assertThat(events.get(4).data()).containsEntry("outageS", 95.0);
        assertEveryEventMatchesTheIcd();
    }

    @Test
    void theReportOfADropThatIsItselfDroppedDoesNotReportAgainAndNothingIsReportedAfterShutdown() {
        java.util.concurrent.atomic.AtomicInteger emitted = new java.util.concurrent.atomic.AtomicInteger();
        LinkEventReporter[] self = new LinkEventReporter[1];
        // A sink whose every event is dropped again, as a full outbox of events in flight would do.
        self[0] = new LinkEventReporter(e -> {
            emitted.incrementAndGet();
            self[0].onDrop(new DropReport(DropReason.STORAGE_FULL, Map.of("evt", new DropReport.Loss(1, 100, 7, 7))));
        }, time);
        self[0].onDrop(new DropReport(DropReason.STORAGE_FULL, Map.of("tm/hk", new DropReport.Loss(1, 800, 3, 3))));
        assertThat(emitted).hasValue(1);
        reporter.onDrop(new DropReport(DropReason.CLOSED, Map.of("evt", new DropReport.Loss(1, 100, 9, 9))));
        assertThat(events).isEmpty();
    }

    @Test
    void aCleanStartWithAnEmptyOutboxSaysNothing() {
        reporter.onRecovered(new RecoveryReport(0, 0, 0, List.of(), null, 1));
        assertThat(events).isEmpty();
    }

    void assertEveryEventMatchesTheIcd() {
        for (Event e : events) {
            assertThat(IcdSchemas.validate(IcdSchemas.EVT, new String(Json.encode(e), StandardCharsets.UTF_8)))
                    .as(e.code()).isEmpty();
        }
    }
}
