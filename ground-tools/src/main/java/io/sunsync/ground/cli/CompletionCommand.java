package io.sunsync.ground.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sunsync ground completion}: a bash/zsh completion script for the ground commands. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Prints a bash (and zsh, with bashcompinit) completion script for the ground tools, "
                + "completing the command 'sunsync-ground'."},
        footer = {"", "Examples:",
                "  alias sunsync-ground=\"$PWD/sunsync ground\"",
                "  source <(./sunsync ground completion)",
                "  ./sunsync ground completion > ~/.local/share/bash-completion/completions/sunsync-ground"})
public final class CompletionCommand implements Callable<Integer> {
    /** The command name completion is registered for. */
    static final String COMMAND = "sunsync-ground";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash(COMMAND, spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
