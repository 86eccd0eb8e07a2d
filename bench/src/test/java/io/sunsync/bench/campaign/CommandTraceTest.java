package io.sunsync.bench.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.bench.campaign.CommandTrace.Verdict;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTraceTest {
    private static final long EXPIRY_S = 120;

    @Test
    void anAttemptFlightNeverAcknowledgedAndWhoseExpiryRanOutExpiredAtTheBroker(@TempDir Path dir) throws Exception {
        CommandTrace trace = CommandTrace.of(BrokerTrafficTest.read(dir, BrokerTrafficTest.LOG),
                List.of(ok(1, 412), ok(2, 336), ok(3, 209), ok(4, 374)));

        assertThat(trace.aligned()).isTrue();
        assertThat(trace.verdict(1, EXPIRY_S)).isEqualTo(Verdict.TAKEN_BY_FLIGHT);
        // Received at ...880 and ...881, expired at ...000 and ...001, before the log's last line (...101).
        assertThat(trace.verdict(2, EXPIRY_S)).isEqualTo(Verdict.EXPIRED_AT_BROKER);
        assertThat(trace.verdict(3, EXPIRY_S)).isEqualTo(Verdict.EXPIRED_AT_BROKER);
        assertThat(trace.verdict(4, EXPIRY_S)).isEqualTo(Verdict.TAKEN_BY_FLIGHT);
        assertThat(trace.verdict(5, EXPIRY_S)).isEqualTo(Verdict.NOT_AT_BROKER);
    }

    @Test
    void anAttemptWhoseExpiryHadNotRunOutWhenTheLogEndsIsStillHeld(@TempDir Path dir) throws Exception {
        CommandTrace trace = CommandTrace.of(BrokerTrafficTest.read(dir, BrokerTrafficTest.LOG),
                List.of(ok(1, 412), ok(2, 336), ok(3, 209), ok(4, 374)));

        assertThat(trace.verdict(2, 600)).isEqualTo(Verdict.HELD_AT_BROKER);
    }

    @Test
    void aFailedPublishIsMatchedOnlyWhereTheBrokerLoggedMoreThanTheGoodOnesAccountFor(@TempDir Path dir)
            throws Exception {
        BrokerTraffic traffic = BrokerTrafficTest.read(dir, BrokerTrafficTest.LOG);

        // Attempt 2's first publish failed before the broker had it, and was sent again.
        CommandTrace lost = CommandTrace.of(traffic, List.of(ok(1, 412), failed(2, 336), ok(2, 336), ok(3, 209),
                ok(4, 374)));
        // Attempt 2's publish failed after the broker had it (its PUBACK lost): it is not sent again.
        CommandTrace arrived = CommandTrace.of(traffic, List.of(ok(1, 412), failed(2, 336), ok(3, 209), ok(4, 374)));

        assertThat(lost.aligned()).isTrue();
        assertThat(lost.verdict(2, EXPIRY_S)).isEqualTo(Verdict.EXPIRED_AT_BROKER);
        assertThat(arrived.aligned()).isTrue();
        assertThat(arrived.verdict(2, EXPIRY_S)).isEqualTo(Verdict.EXPIRED_AT_BROKER);
    }

    @Test
    void publishesThatDoNotLineUpWithTheLogSayNothing(@TempDir Path dir) throws Exception {
        CommandTrace trace = CommandTrace.of(BrokerTrafficTest.read(dir, BrokerTrafficTest.LOG),
                List.of(ok(1, 412), ok(2, 336), ok(4, 374)));

        assertThat(trace.aligned()).isFalse();
        assertThat(trace.verdict(2, EXPIRY_S)).isEqualTo(Verdict.UNTRACED);
    }

    private static CampaignGround.Publish ok(long seq, int bytes) {
        return new CampaignGround.Publish(seq, new byte[bytes], false);
    }

    private static CampaignGround.Publish failed(long seq, int bytes) {
        return new CampaignGround.Publish(seq, new byte[bytes], true);
    }
}
