package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short version of the process-level fault campaign ({@code ./sunsync soak --process} runs
 * 60 random faults): flight as its own JVM with {@code -Xmx64m} against a real Mosquitto, its
 * state on a 24 MiB {@code tmpfs} (root needed to mount it, as on the CI runner), through kill -9,
 * a broker restart, the state disk filled to ENOSPC (and flight killed while it is full), clock
 * jumps forward and back, and a SIGTERM restart. Every job, result, telemetry message and
 * verification report must be accounted for.
 */
@Tag("mosquitto")
class ProcessFaultCampaignTest {
    @TempDir
    Path work;

    @Test
    void afterKillsBrokerRestartsAFullDiskAndClockJumpsNothingIsLost() throws Exception {
        ProcessCampaign.Summary s = ProcessCampaign.run(ProcessCampaign.Options.quick(work));
        Map<String, Object> f = s.figures();

        assertThat(s.problems()).isEmpty();
        assertThat(((Number) f.get("kill9")).intValue()).isGreaterThanOrEqualTo(5);
        assertThat(((Number) f.get("killsWhileDiskFull")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(f.get("brokerRestarts")).isEqualTo(1);
        assertThat(f.get("clockJumps")).isEqualTo(2);
        assertThat(f).containsEntry("telemetryLost", 0L).containsEntry("jobsLost", 0L)
                .containsEntry("resultsLost", 0L).containsEntry("jobsRanTwice", 0L)
                .containsEntry("resultsWithWrongContent", 0L).containsEntry("settled", true);
        assertThat(((Number) f.get("resultsVerified")).longValue()).isPositive();
        assertThat(((Number) f.get("telemetryDroppedCounted")).longValue())
                .as("the full disk dropped (and counted) messages").isPositive();
        assertThat(perIdFailures(f)).isEmpty();
    }

    /**
     * The short version of {@code ./sunsync soak --process --kills 1000}: kill -9 only, at random
     * moments after each launch (some during the start and the journal's recovery); per id, no job
     * accepted or ended twice or put on boards again after its work was done, no result with two
     * contents, no command answered twice, no telemetry number with two payloads.
     */
    @Test
    void killedAtRandomMomentsNoJobResultCommandOrMessageIsLostOrRepeated() throws Exception {
        ProcessCampaign.Summary s = ProcessCampaign.run(ProcessCampaign.Options.kills(work, 6, 3));
        Map<String, Object> f = s.figures();

        assertThat(s.problems()).isEmpty();
        assertThat(f).containsEntry("kill9", 6L).containsEntry("telemetryLost", 0L)
                .containsEntry("telemetryDroppedCounted", 0L).containsEntry("jobsLost", 0L)
                .containsEntry("resultsLost", 0L).containsEntry("jobsRanTwice", 0L)
                .containsEntry("resultsWithWrongContent", 0L).containsEntry("settled", true);
        assertThat(((Number) f.get("resultsVerified")).longValue()).isPositive();
        assertThat(perIdFailures(f)).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> perId = (Map<String, Object>) f.get("perId");
        assertThat(((Number) perId.get("jobsAuditedPerId")).longValue()).isPositive();
    }

    /** The per-id audit's counts of ids that failed (every figure but the totals), when not 0. */
    private static Map<String, Object> perIdFailures(Map<String, Object> f) {
        @SuppressWarnings("unchecked")
        Map<String, Object> perId = (Map<String, Object>) f.get("perId");
        Map<String, Object> bad = new java.util.TreeMap<>(perId);
        bad.keySet().removeAll(java.util.Set.of("jobsAuditedPerId", "resultManifestDeliveries",
                "commandCopiesRefusedAfterExecution"));
        bad.values().removeIf(v -> ((Number) v).longValue() == 0);
        return bad;
    }
}
