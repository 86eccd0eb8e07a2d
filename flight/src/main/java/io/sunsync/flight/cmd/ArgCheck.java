package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A check of a command's arguments against on-board state that a schema cannot express (the
 * board exists, the parameter is writable). A problem rejects the command with
 * {@link RejectReason#ARG_OUT_OF_RANGE} before it is accepted. Runs where the dispatcher runs.
 */
@FunctionalInterface
public interface ArgCheck {

    /** @return null when the arguments are fine, otherwise what is wrong */
    String problem(JsonNode args);
}
