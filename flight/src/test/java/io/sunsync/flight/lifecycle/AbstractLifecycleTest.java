package io.sunsync.flight.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.flight.lifecycle.Lifecycle.State;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The legal transitions, the recorded failure and the health derived from the state. */
class AbstractLifecycleTest {

    /** Records what ran; its start fails while {@code startFailures} > 0, its stop when {@code stopFails}. */
    private static final class Recorder extends AbstractLifecycle {
        final List<String> calls = new ArrayList<>();
        int startFailures;
        boolean stopFails;
        Health running = Health.healthy("running");

        @Override
        protected void doStart() {
            calls.add("start");
            if (startFailures > 0) {
                startFailures--;
                throw new IllegalStateException("disk full");
            }
        }

        @Override
        protected void doStop() {
            calls.add("stop");
            if (stopFails) {
                throw new IllegalStateException("cannot close");
            }
        }

        @Override
        protected Health checkHealth() {
            return running;
        }

        @Override
        protected String describe() {
            return "recorder";
        }
    }

    @Test
    void aComponentRunsFromNewThroughRunningToTerminated() {
        Recorder r = new Recorder();
        assertThat(r.state()).isEqualTo(State.NEW);
        assertThat(r.health().healthy()).isFalse();

        r.start();
        assertThat(r.state()).isEqualTo(State.RUNNING);
        assertThat(r.health()).isEqualTo(Lifecycle.Health.healthy("running"));
        r.stop();

        assertThat(r.state()).isEqualTo(State.TERMINATED);
        assertThat(r.health()).isEqualTo(Lifecycle.Health.unhealthy("stopped"));
        assertThat(r.calls).containsExactly("start", "stop");
        assertThat(r.failure()).isEmpty();
    }

    @Test
    void startingTwiceOrAfterStopIsRefusedAndStoppingTwiceDoesNothing() {
        Recorder r = new Recorder();
        r.start();
        assertThatThrownBy(r::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("recorder: start() in state RUNNING (a component is started once)");
        r.stop();
        r.stop();
        assertThatThrownBy(r::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("recorder: start() in state TERMINATED (a stopped component is not started again)");
        assertThat(r.calls).containsExactly("start", "stop");
    }

    @Test
    void stoppingBeforeStartingReleasesWhatTheConstructorTookAndTerminates() {
        Recorder r = new Recorder();
        r.stop();
        assertThat(r.state()).isEqualTo(State.TERMINATED);
        assertThat(r.calls).containsExactly("stop");
        assertThatThrownBy(r::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedStartIsFailedWithItsCauseAndMayBeTriedAgain() {
        Recorder r = new Recorder();
        r.startFailures = 1;
        assertThatThrownBy(r::start).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
        assertThat(r.state()).isEqualTo(State.FAILED);
        assertThat(r.failure()).get().extracting(Throwable::getMessage).isEqualTo("disk full");
        assertThat(r.health().healthy()).isFalse();
        assertThat(r.health().reason()).contains("disk full");

        r.start();

        assertThat(r.state()).isEqualTo(State.RUNNING);
        assertThat(r.calls).containsExactly("start", "start");
    }

    @Test
    void aFailedStopIsFailedForGoodAndNotStoppedAgain() {
        Recorder r = new Recorder();
        r.start();
        r.stopFails = true;
        assertThatThrownBy(r::stop).hasMessage("cannot close");
        assertThat(r.state()).isEqualTo(State.FAILED);

        r.stop();
        assertThatThrownBy(r::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("recorder: start() in state FAILED");
        assertThat(r.calls).containsExactly("start", "stop");
        assertThat(r.failure()).get().extracting(Throwable::getMessage).isEqualTo("cannot close");
    }

    @Test
    void theHealthOfARunningComponentIsItsOwnCheck() {
        Recorder r = new Recorder();
        r.start();
        r.running = Lifecycle.Health.unhealthy("not connected: UNREACHABLE");
        assertThat(r.health()).isEqualTo(Lifecycle.Health.unhealthy("not connected: UNREACHABLE"));
        r.running = null;
        assertThat(r.health().healthy()).isFalse();
        assertThat(r.health().reason()).startsWith("health check failed");
    }

    @Test
    void aLifecycleOfTwoActionsRunsThem() {
        List<String> calls = new ArrayList<>();
        Lifecycle l = AbstractLifecycle.of("dictionary", () -> calls.add("publish"), () -> calls.add("done"));
        l.start();
        l.stop();
        assertThat(calls).containsExactly("publish", "done");
        assertThat(l).hasToString("dictionary[TERMINATED]");
    }
}
