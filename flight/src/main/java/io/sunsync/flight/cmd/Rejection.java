package io.sunsync.flight.cmd;

/**
 * A refusal: the code and a line of detail.
 *
 * @param reason  the code
 * @param message detail for the operator
 */
public record Rejection(RejectReason reason, String message) {
}
