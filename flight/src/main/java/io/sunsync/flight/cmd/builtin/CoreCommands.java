package io.sunsync.flight.cmd.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.ArmTokens;
import io.sunsync.flight.cmd.CommandFailure;
import io.sunsync.flight.cmd.CommandRegistry;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.FailReason;
import io.sunsync.flight.cmd.ModeControl;
import io.sunsync.flight.cmd.Outcome;
import io.sunsync.flight.cmd.Rejection;
import io.sunsync.flight.cmd.auth.KeyRing;
import io.sunsync.flight.cmd.param.ParameterRegistry;
import io.sunsync.flight.cmd.param.ParameterSpec;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ping}, {@code arm}, {@code key.rotate}, {@code mode.set} and {@code telemetry.rate}.
 * Stateless apart from what it is given; the commands run as their specs say.
 */
public final class CoreCommands {
    private CoreCommands() {
    }

    /**
     * The core commands.
     *
     * @param publishDictionary re-publishes the retained dictionary ({@code dict.publish})
     */
    public static List<CommandSpec> all(CommandRegistry registry, ArmTokens arms, KeyRing keys, ModeControl modes,
                                        ParameterRegistry parameters, Runnable publishDictionary) {
        return List.of(
                CommandSpec.builder("ping")
                        .description("Answers at once; COMPLETED carries the mission time and the echoed text")
                        .arg(ArgSpec.text("echo", "text to send back", 256).optional())
                        .handler(inv -> {
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("t", inv.now().toString());
                            if (inv.has("echo")) {
                                data.put("echo", inv.text("echo"));
                            }
                            return Outcome.completed(data);
                        }).build(),
                CommandSpec.builder("arm")
                        .description("Arms a critical command: COMPLETED carries a single-use token bound to that command and"
                                + " those exact arguments, valid for commanding.armTimeoutS of mission time")
                        .arg(ArgSpec.text("command", "the critical command to arm", 64))
                        .arg(ArgSpec.object("args", "its exact arguments", Map.of()))
                        .check(args -> armProblem(registry, args))
                        .handler(inv -> {
                            ArmTokens.Token token = arms.arm(inv.text("command"), inv.args().get("args"), inv.now());
                            Map<String, Object> data = new LinkedHashMap<>();
                            data.put("command", inv.text("command"));
                            data.put("token", token.token());
                            data.put("expires", token.expires().toString());
                            return Outcome.completed(data);
                        }).build(),
                keyRotation("key.rotate", "Activates a pre-loaded command key and revokes the active one for good", keys),
                CommandSpec.builder("mode.set")
                        .description("Changes the flight mode; a commanded mode holds until the next mode command (clears every arm token)")
                        .arg(ArgSpec.oneOf("mode", "the new mode", modes.modes()))
                        .arg(ArgSpec.text("reason", "why, for the event log", 200).optional())
                        .critical()
                        .execution(CommandSpec.Execution.CONTROL_LOOP)
                        .handler(inv -> {
                            String before = modes.currentMode();
                            modes.requestMode(inv.text("mode"), inv.has("reason") ? inv.text("reason") : "ground command");
                            return Outcome.completed(Map.of("before", before, "mode", modes.currentMode()));
                        }).build(),
                CommandSpec.builder("telemetry.rate")
                        .description("Changes a telemetry stream's period (the parameter telemetry.STREAM.periodS)")
                        .arg(ArgSpec.oneOf("stream", "telemetry stream", List.of("hk")))
                        .arg(ArgSpec.number("periodS", "new period", 0.01, 3600, "s"))
                        .execution(CommandSpec.Execution.CONTROL_LOOP)
                        .check(args -> parameters.find("telemetry." + args.path("stream").asText() + ".periodS")
                                .map(p -> p.problem(args.get("periodS")))
                                .orElse("stream " + args.path("stream").asText() + " has no rate parameter"))
                        .handler(inv -> {
                            ParameterSpec p = parameters.find("telemetry." + inv.text("stream") + ".periodS")
                                    .orElseThrow(() -> new CommandFailure(FailReason.NOT_FOUND, "no such stream"));
                            p.setter().set(inv.args().get("periodS"));
                            return Outcome.completed(Map.of("stream", inv.text("stream"), "periodS", p.getter().get()));
                        }).build(),
                CommandSpec.builder("dict.publish")
                        .description("Publishes the command and telemetry dictionary again (retained, on sunsync/{sat}/dict)")
                        .handler(inv -> {
                            publishDictionary.run();
                            return Outcome.completed();
                        }).build());
    }

    private static String armProblem(CommandRegistry registry, JsonNode args) {
        String name = args.path("command").asText();
        Optional<CommandSpec> target = registry.find(name);
        if (target.isEmpty()) {
            return "no command " + name;
        }
        JsonNode targetArgs = args.get("args");
        if (!target.get().isCritical(targetArgs)) {
            return name + " with these arguments is not critical: send it without arming";
        }
        Optional<Rejection> problem = registry.checkArgs(target.get(), targetArgs);
        return problem.map(Rejection::message).orElse(null);
    }

    /**
     * A critical command {@code name} {keyId} that activates a loaded key of {@code keys} and revokes
     * the active one for good (the command keys' {@code key.rotate}, the telemetry keys'
     * {@code telemetry.key.rotate}); COMPLETED carries {@code activeKeyId} and {@code revokedKeyId}.
     */
    public static CommandSpec keyRotation(String name, String description, KeyRing keys) {
        return CommandSpec.builder(name)
                .description(description)
                .arg(ArgSpec.integer("keyId", "id of a loaded, never used key", 1, 65535))
                .critical()
                .check(args -> {
                    int kid = args.path("keyId").asInt();
                    if (!keys.loadedKeyIds().contains(kid)) {
                        return "key " + kid + " is not loaded on board";
                    }
                    if (keys.revokedKeyIds().contains(kid)) {
                        return "key " + kid + " was revoked";
                    }
                    return kid == keys.activeKeyId() ? "key " + kid + " is already active" : null;
                })
                .handler(inv -> {
                    int previous = keys.activeKeyId();
                    try {
                        keys.rotateTo((int) inv.integer("keyId"));
                    } catch (IllegalArgumentException e) {
                        throw new CommandFailure(FailReason.INVALID_STATE, e.getMessage());
                    } catch (IOException e) {
                        throw new CommandFailure(FailReason.INTERNAL_ERROR, "key state not persisted: " + e.getMessage());
                    }
                    return Outcome.completed(Map.of("activeKeyId", keys.activeKeyId(), "revokedKeyId", previous));
                }).build();
    }
}
