package io.sunsync.ground.console.command;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A critical command the satellite has armed, waiting for its operator's explicit confirmation.
 * The arm token stays on the server; the page knows only the id.
 *
 * @param id        the console's id for it (random)
 * @param sat       the satellite
 * @param user      who armed it (only they may execute it)
 * @param name      the command
 * @param args      its exact arguments (the token is bound to them)
 * @param token     the arm token from the satellite's COMPLETED report of {@code arm}
 * @param expires   when the token expires, in the satellite's mission time (as it said)
 * @param armedMs   when it was armed, epoch ms of the ground's clock
 */
public record ArmedCommand(String id, String sat, String user, String name, ObjectNode args, String token, String expires,
                           long armedMs) {
    @Override
    public String toString() {
        return "ArmedCommand[" + sat + " " + name + " by " + user + "]";
    }
}
