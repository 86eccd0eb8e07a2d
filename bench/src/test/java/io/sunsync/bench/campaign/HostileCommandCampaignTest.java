package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of the hostile-input campaign ({@code ./sunsync hostile} sends 100,000):
 * 3,000 hostile commands of every kind through a real Mosquitto to a flight process; none is
 * accepted, each is answered with the rejection reason its kind calls for, flight keeps running.
 * First a 200 MiB poison message, sent while flight runs and again while it is down (queued in its
 * persistent session), must leave it publishing and commandable under {@code -Xmx64m}.
 */
@Tag("mosquitto")
class HostileCommandCampaignTest {
    @TempDir
    Path work;

    @Test
    void hostileCommandsAreAllRejectedWithTheirReasonAndFlightKeepsRunning() throws Exception {
        HostileCampaign.Summary s = HostileCampaign.run(new HostileCampaign.Options(3_000, 7, 128, 8 * 1024, 200, work));
        Map<String, Object> f = s.figures();

        assertThat(s.problems()).isEmpty();
        assertThat(f).containsEntry("hostileSent", 3_000).containsEntry("accepted", 0L)
                .containsEntry("unanswered", 0L).containsEntry("wrongReason", 0L).containsEntry("flightAlive", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> byKind = (Map<String, Object>) f.get("byKind");
        assertThat(byKind).as("every kind of hostile command was sent").hasSize(18);
        // A 200 MiB unsigned command, live and queued across a kill -9, against a 64 MiB heap.
        assertThat(f).containsEntry("poisonFlightPublishingAfter", true).containsEntry("poisonFlightPublishingAfterRestart", true);
    }
}
