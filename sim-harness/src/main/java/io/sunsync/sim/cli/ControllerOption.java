package io.sunsync.sim.cli;

import io.sunsync.sim.control.GreedyController;
import io.sunsync.sim.control.SimController;
import io.sunsync.sim.control.StaticCapController;
import io.sunsync.sim.scenario.Scenario;
import picocli.CommandLine.Option;

/**
 * The {@code --controller} option of {@code sim run} and {@code sim bench}: which built-in
 * controller flies the scenario, {@code greedy} (the default) or {@code static:W}. A picocli mixin;
 * read after parsing, on the command's thread.
 */
public final class ControllerOption {
    @Option(names = "--controller", defaultValue = "greedy",
            description = "greedy, or static:W for every board held at W watts (default ${DEFAULT-VALUE}).")
    String controller;

    /** The name as given. */
    String name() {
        return controller;
    }

    /** A new controller of this name for {@code scenario}; an unknown name or a bad wattage is refused. */
    SimController create(Scenario scenario) {
        if (controller.equals("greedy")) {
            return new GreedyController(scenario.orbit().model().periodS());
        }
        if (controller.startsWith("static:")) {
            try {
                return new StaticCapController(Double.parseDouble(controller.substring(7)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--controller static:W needs a number of watts, was '" + controller + "'");
            }
        }
        throw new IllegalArgumentException("unknown --controller '" + controller + "'; use greedy or static:W");
    }
}
