package io.sunsync.ground.command;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command verification report (PUS service 1; docs/icd/commanding.md).
 *
 * @param seq       the command's sequence number, or -1 when the satellite could not read it
 * @param name      the command's name, or null
 * @param stage     ACCEPTED, REJECTED, STARTED, PROGRESS, COMPLETED or FAILED
 * @param reason    the reject or failure reason code, or null
 * @param message   human-readable detail
 * @param data      command-specific results (COMPLETED) or what was identified of a rejected payload
 * @param duplicate true when it answers a redelivered copy (nothing was done again)
 * @param json      the whole report
 */
public record VerificationReport(long seq, String name, String stage, String reason, String message, JsonNode data,
                                 boolean duplicate, JsonNode json) {

    /** Reads a report message. */
    public static VerificationReport of(JsonNode r) {
        return new VerificationReport(r.path("seq").canConvertToLong() && !r.path("seq").isNull() ? r.path("seq").asLong() : -1,
                r.path("name").isTextual() ? r.path("name").asText() : null, r.path("stage").asText(""),
                r.path("reason").isTextual() ? r.path("reason").asText() : null, r.path("message").asText(""),
                r.path("data"), r.path("duplicate").asBoolean(false), r);
    }

    /** True for COMPLETED, FAILED and REJECTED: nothing more will come. */
    public boolean isFinal() {
        return stage.equals("COMPLETED") || stage.equals("FAILED") || stage.equals("REJECTED");
    }

    /** One line for the operator. */
    public String line() {
        StringBuilder sb = new StringBuilder(stage);
        if (reason != null) {
            sb.append(" (").append(reason).append(')');
        }
        if (json.path("progressPct").isNumber()) {
            sb.append(' ').append(json.path("progressPct").asInt()).append('%');
        }
        if (!message.isEmpty()) {
            sb.append(": ").append(message);
        }
        if (data != null && data.isObject() && !data.isEmpty()) {
            sb.append("  ").append(data);
        }
        if (duplicate) {
            sb.append("  (answer to a redelivered copy)");
        }
        return sb.toString();
    }
}
