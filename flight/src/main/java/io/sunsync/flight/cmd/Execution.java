package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A command cleared to execute.
 *
 * @param spec     the command
 * @param args     its validated arguments
 * @param seq      the ground sequence number, or null for on-board origins
 * @param origin   ground, time-tag or sequence
 * @param replyTo  where its reports go
 * @param onFinish called with the final outcome (COMPLETED or FAILED), or null
 */
public record Execution(CommandSpec spec, JsonNode args, Long seq, Origin origin, ReplyTo replyTo,
                        Consumer<Outcome> onFinish) {
    public Execution {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(replyTo, "replyTo");
    }
}
