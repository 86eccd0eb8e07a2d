package io.sunsync.ground.events;

import io.sunsync.ground.telemetry.Highlighter;
import java.util.Locale;

/** One event as one readable line: time, satellite, severity (highlighted), source, code, message, data. Stateless. */
public final class EventLine {
    private EventLine() {
    }

    /** The line for {@code e}. */
    public static String format(EventRecord e, Highlighter hl) {
        String data = e.data().isEmpty() ? "" : "  " + e.data();
        return String.format(Locale.ROOT, "%-20s  %-10s  %s  %-8s  %-22s  %s%s", e.t(), e.sat(),
                hl.paintLeft(e.severity().name(), e.severity().level(), 8), e.source(), e.code(), e.message(), data);
    }
}
