package io.sunsync.ground.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --users FILE}: the web console's users file, by default
 * {@code ~/.config/sunsync/console-users}, for {@code console} (who may log in) and
 * {@code console adduser} (where the user goes). A picocli mixin; read after parsing, on the
 * command's thread.
 */
public final class UsersFileOption {
    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file, NAME:HASH[:ROLE] per line (default: ~/.config/sunsync/console-users).")
    Path users;

    /** {@code --users}, else {@code ~/.config/sunsync/console-users}. */
    Path file() {
        return users != null ? users : Path.of(System.getProperty("user.home"), ".config", "sunsync", "console-users");
    }
}
