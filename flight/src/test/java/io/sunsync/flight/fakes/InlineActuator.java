package io.sunsync.flight.fakes;

import io.sunsync.flight.actuate.ActuationConfig;
import io.sunsync.flight.actuate.BoardActuator;
import io.sunsync.flight.events.EventSink;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.time.TimeSource;
import java.time.Instant;
import java.util.List;

/** An actuator that runs every command on the test's thread (as in simulation), events stamped at a fixed time. */
public final class InlineActuator {
    private InlineActuator() {
    }

    /** Every command inline on the caller's thread. */
    public static BoardActuator of(List<AcceleratorBoard> boards, EventSink events) {
        Instant t = Instant.parse("2027-06-21T00:00:00Z");
        return new BoardActuator("fake", boards, ActuationConfig.inline(), new TimeSource() {
            @Override
            public Instant now() {
                return t;
            }

            @Override
            public void awaitUntil(Instant instant) {
            }
        }, events);
    }
}
