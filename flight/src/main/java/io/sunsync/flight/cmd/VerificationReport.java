package io.sunsync.flight.cmd;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One verification report (PUS service 1), as sent on the command's response topic; schema
 * {@code docs/icd/schemas/tc-report.schema.json}.
 *
 * @param sat         satellite id
 * @param t           mission time of the report
 * @param seq         the command's sequence number, or null when it could not be identified
 * @param name        the command's name, or null when it could not be identified
 * @param stage       which stage this reports
 * @param reason      the {@link RejectReason} or {@link FailReason} name, or null
 * @param message     human-readable detail
 * @param progressPct progress 0..100 for {@link Stage#PROGRESS}, otherwise null
 * @param data        results (COMPLETED) or what could be identified of a rejected payload
 * @param origin      where the execution came from
 * @param duplicate   true when answering a redelivered copy without acting again
 */
public record VerificationReport(String sat, Instant t, Long seq, String name, Stage stage, String reason,
                                 String message, Integer progressPct, Map<String, Object> data, Origin origin,
                                 boolean duplicate) {
    public VerificationReport {
        Objects.requireNonNull(sat, "sat");
        Objects.requireNonNull(t, "t");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(origin, "origin");
        message = message == null ? "" : message;
        data = data == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(data));
    }

    /** The same report, marked as the answer to a redelivered copy. */
    public VerificationReport asDuplicate(Instant now) {
        return new VerificationReport(sat, now, seq, name, stage, reason, message, progressPct, data, origin, true);
    }
}
