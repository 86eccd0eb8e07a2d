package io.sunsync.flight.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
    private static final Pattern SUMMARY = Pattern.compile("([\\d,]+) more lines suppressed in the last \\d+ s \\((.*)\\)");

    final List<String> lines = new ArrayList<>();
    final AtomicLong nanos = new AtomicLong();
    final RateLimitedLog log = new RateLimitedLog((f, a) -> lines.add(f), 5, Duration.ofSeconds(10), nanos::get);

    @Test
    void aFloodWritesTheBudgetPerWindowAndSaysHowManyItSuppressedByCategory() {
        int flood = 100_000;
        for (int i = 0; i < flood; i++) {
            log.log(i % 3 == 0 ? "MALFORMED" : "BAD_MAC", "command rejected {}", i);
            nanos.addAndGet(1_000_000); // 1 ms apart: 100 s in all, 10 windows
        }
        log.flush();
        List<String> summaries = lines.stream().filter(l -> SUMMARY.matcher(l).matches()).toList();
        long plain = lines.size() - summaries.size();
        long counted = 0;
        long badMac = 0;
        for (String s : summaries) {
            Matcher m = SUMMARY.matcher(s);
            assertThat(m.matches()).isTrue();
            counted += Long.parseLong(m.group(1).replace(",", ""));
            Matcher bm = Pattern.compile("BAD_MAC ([\\d,]+)").matcher(m.group(2));
            if (bm.find()) {
                badMac += Long.parseLong(bm.group(1).replace(",", ""));
            }
        }
        // The invariant: every line is either written or counted in a summary, never lost.
        assertThat(plain + counted).isEqualTo(flood);
        assertThat(log.suppressed()).isEqualTo(counted);
        assertThat(plain).isLessThanOrEqualTo(5L * 11);
        assertThat(summaries).hasSizeBetween(10, 11);
        assertThat(badMac).isPositive().isLessThan(counted);
    }

    @Test
    void aQuietLogWritesEveryLineAndNoSummary() {
        for (int i = 0; i < 5; i++) {
            assertThat(log.log("BAD_MAC", "x")).isTrue();
        }
        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        log.flush();
        assertThat(lines).hasSize(5).noneMatch(l -> l.contains("suppressed"));
        assertThat(log.suppressed()).isZero();
    }

    @Test
    void theSummaryWaitsForTheWindowToEnd() {
        for (int i = 0; i < 8; i++) {
            log.log("REPLAY", "x");
        }
        log.flush();
        assertThat(lines).hasSize(5);
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        log.flush();
        assertThat(lines).hasSize(6).last().asString().startsWith("3 more lines suppressed").endsWith("(REPLAY 3)");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new RateLimitedLog((f, a) -> { }, 0, Duration.ofSeconds(1), nanos::get))
                .hasMessageContaining("linesPerWindow");
        assertThatThrownBy(() -> new RateLimitedLog((f, a) -> { }, 1, Duration.ZERO, nanos::get))
                .hasMessageContaining("window");
    }
}
