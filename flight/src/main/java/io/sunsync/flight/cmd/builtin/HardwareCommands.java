package io.sunsync.flight.cmd.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandFailure;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.FailReason;
import io.sunsync.flight.cmd.Outcome;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardSpec;
import io.sunsync.hal.thermal.ThermalControl;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accelerator board and thermal loop commands, through the hal interfaces. They all execute in
 * the control loop (the hal is called from the scheduler thread only). Board power and reset are
 * critical; so is switching a loop's pump off.
 */
public final class HardwareCommands {
    private HardwareCommands() {
    }

    /** The board and thermal commands for this hardware, board power straight through the hal. */
    public static List<CommandSpec> all(List<AcceleratorBoard> boards, ThermalControl thermal) {
        return all(boards, thermal, BoardControl.direct());
    }

    /** The board and thermal commands for this hardware, board power through {@code control}. */
    public static List<CommandSpec> all(List<AcceleratorBoard> boards, ThermalControl thermal, BoardControl control) {
        Map<String, AcceleratorBoard> byId = new LinkedHashMap<>();
        boards.forEach(b -> byId.put(b.spec().id(), b));
        List<String> loops = thermal.spec().loops();
        ArgSpecBoard board = new ArgSpecBoard(byId);
        return List.of(
                boardCommand("board.enable", "Returns a board to service (restores it if isolated) and powers it", board,
                        (b, t) -> control.enable(b, t)),
                boardCommand("board.disable", "Takes a board out of service and powers it down; it stays off until board.enable",
                        board, (b, t) -> control.disable(b, t)),
                boardCommand("board.reset", "Resets a board (recovers a hang or upset)", board, (b, t) -> control.reset(b, t)),
                CommandSpec.builder("board.cap")
                        .description("Sets a ceiling on a board's power cap, held until the next board.cap (capW = the board's maximum clears it)")
                        .arg(board.arg())
                        .arg(ArgSpec.number("capW", "power cap", 1, 100_000, "W"))
                        .execution(CommandSpec.Execution.CONTROL_LOOP)
                        .check(args -> {
                            String problem = board.problem(args);
                            if (problem != null) {
                                return problem;
                            }
                            BoardSpec s = byId.get(args.path("board").asText()).spec();
                            double cap = args.path("capW").asDouble();
                            return cap < s.minCapW() || cap > s.maxCapW()
                                    ? "capW must be in [" + s.minCapW() + ", " + s.maxCapW() + "] W for " + s.id() : null;
                        })
                        .handler(inv -> {
                            AcceleratorBoard b = byId.get(inv.text("board"));
                            verified(control.capCeiling(b, inv.number("capW"), inv.now()));
                            return Outcome.completed(Map.of("board", b.spec().id(), "capW", inv.number("capW")));
                        }).build(),
                loopCommand("thermal.pump", "Switches a radiator loop's pump", loops, true, thermal),
                loopCommand("thermal.heater", "Switches a radiator loop's heater", loops, false, thermal));
    }

    private record ArgSpecBoard(Map<String, AcceleratorBoard> byId) {
        ArgSpec arg() {
            return ArgSpec.text("board", "board id, e.g. board-00", 64);
        }

        String problem(JsonNode args) {
            String id = args.path("board").asText();
            return byId.containsKey(id) ? null : "no board " + id;
        }
    }

    private static CommandSpec boardCommand(String name, String description, ArgSpecBoard board,
                                            java.util.function.BiFunction<AcceleratorBoard, java.time.Instant, CommandResult> action) {
        return CommandSpec.builder(name)
                .description(description)
                .arg(board.arg())
                .critical()
                .execution(CommandSpec.Execution.CONTROL_LOOP)
                .check(board::problem)
                .handler(inv -> {
                    AcceleratorBoard b = board.byId().get(inv.text("board"));
                    verified(action.apply(b, inv.now()));
                    return Outcome.completed(Map.of("board", b.spec().id(), "state", b.read().state().name()));
                }).build();
    }

    private static CommandSpec loopCommand(String name, String description, List<String> loops, boolean pump,
                                           ThermalControl thermal) {
        CommandSpec.Builder b = CommandSpec.builder(name)
                .description(description)
                .arg(ArgSpec.text("loop", "loop name, e.g. " + (loops.isEmpty() ? "loop-a" : loops.get(0)), 64))
                .arg(ArgSpec.bool("on", "true to switch on"))
                .execution(CommandSpec.Execution.CONTROL_LOOP)
                .check(args -> loops.contains(args.path("loop").asText()) ? null
                        : "no loop " + args.path("loop").asText() + " (loops: " + loops + ")")
                .handler(inv -> {
                    String loop = inv.text("loop");
                    boolean on = inv.bool("on");
                    verified(pump ? thermal.setPump(loop, on) : thermal.setHeater(loop, on));
                    return Outcome.completed(Map.of("loop", loop, "on", on));
                });
        if (pump) {
            b.criticalWhen(args -> !args.path("on").asBoolean(true), "on is false (stopping a pump)");
        }
        return b.build();
    }

    private static void verified(CommandResult result) throws CommandFailure {
        if (!result.ok()) {
            throw new CommandFailure(FailReason.HARDWARE_FAULT, result.fault().code() + " on " + result.fault().device()
                    + ": " + result.fault().detail());
        }
    }
}
