package io.sunsync.flight.cmd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.flight.cmd.auth.ReplayWindow;
import io.sunsync.flight.cmd.auth.ReplayWindow.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayWindowTest {
    @TempDir
    Path dir;

    @Test
    void acceptsIncreasingNumbersAndUnseenOnesInsideTheWindowOnly() throws Exception {
        ReplayWindow w = new ReplayWindow(dir.resolve("replay.json"), 8);
        assertThat(w.check(0)).isEqualTo(Verdict.TOO_OLD);
        w.accept(10);
        assertThat(w.check(10)).isEqualTo(Verdict.SEEN);
        assertThat(w.check(11)).isEqualTo(Verdict.FRESH);
        assertThat(w.check(3)).isEqualTo(Verdict.FRESH);
        assertThat(w.check(2)).isEqualTo(Verdict.TOO_OLD);
        w.accept(5);
        assertThat(w.check(5)).isEqualTo(Verdict.SEEN);
        w.accept(12);
        assertThat(w.check(5)).isEqualTo(Verdict.SEEN);
        assertThat(w.check(10)).isEqualTo(Verdict.SEEN);
        assertThat(w.check(4)).isEqualTo(Verdict.TOO_OLD);
        w.accept(1_000);
        assertThat(w.check(999)).isEqualTo(Verdict.FRESH);
        assertThat(w.check(12)).isEqualTo(Verdict.TOO_OLD);
        assertThatThrownBy(() -> w.accept(1_000)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theWindowIsOnDiskBeforeAcceptReturns() throws Exception {
        Path file = dir.resolve("replay.json");
        ReplayWindow w = new ReplayWindow(file, 64);
        w.accept(42);
        w.accept(40);
        assertThat(Files.readString(file)).contains("\"last\":42");
        assertThat(Files.exists(dir.resolve("replay.json.tmp"))).isFalse();
        ReplayWindow reloaded = new ReplayWindow(file, 64);
        assertThat(reloaded.last()).isEqualTo(42);
        assertThat(reloaded.check(40)).isEqualTo(Verdict.SEEN);
        assertThat(reloaded.check(41)).isEqualTo(Verdict.FRESH);
    }

    @Test
    void aReservationIsWrittenOncePerBlockAndCoversEveryNumberInItAfterARestart() throws Exception {
        Path file = dir.resolve("replay.json");
        ReplayWindow w = new ReplayWindow(file, 64, 100);
        w.accept(5);
        assertThat(w.reservedUpTo()).isEqualTo(105);
        for (long s = 6; s <= 105; s++) {
            w.accept(s);
        }
        assertThat(w.writes()).isEqualTo(1);
        w.accept(106);
        assertThat(w.writes()).isEqualTo(2);
        assertThat(w.reservedUpTo()).isEqualTo(206);
        // A restart: nothing up to the reservation can be replayed, the rest is fresh.
        ReplayWindow reloaded = new ReplayWindow(file, 64, 100);
        assertThat(reloaded.check(106)).isEqualTo(Verdict.TOO_OLD);
        assertThat(reloaded.check(150)).isEqualTo(Verdict.SEEN);
        assertThat(reloaded.check(206)).isEqualTo(Verdict.SEEN);
        assertThat(reloaded.check(207)).isEqualTo(Verdict.FRESH);
        assertThat(reloaded.last()).isEqualTo(206);
    }

    @Test
    void aWindowLargerThanTheBitmapIsRefused() {
        assertThatThrownBy(() -> new ReplayWindow(dir.resolve("r.json"), 65)).isInstanceOf(IllegalArgumentException.class);
    }
}
