package io.sunsync.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.console.auth.PasswordHasher;
import io.sunsync.ground.console.auth.Role;
import io.sunsync.ground.console.auth.UsersFile;
import io.sunsync.ground.testing.Cli;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ground console}'s command line: adding users, and the mistakes that stop it before it starts. */
class ConsoleCommandTest {
    @TempDir
    Path dir;

    private static Cli.Run withStdin(String in, String... args) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(args);
        } finally {
            System.setIn(old);
        }
    }

    @Test
    void adduserHashesThePasswordIntoTheUsersFile() throws Exception {
        Path users = dir.resolve("users");
        Cli.Run r = withStdin("a long enough password\n", "console", "adduser", "--users", users.toString(), "carol",
                "--role", "viewer", "--password-stdin");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("carol (viewer)");
        String text = Files.readString(users);
        assertThat(text).doesNotContain("a long enough password").contains("carol:$argon2id$");
        UsersFile u = UsersFile.read(users);
        assertThat(u.user("carol").get().role()).isEqualTo(Role.VIEWER);
        assertThat(PasswordHasher.verify(u.user("carol").get().passwordHash(), "a long enough password".toCharArray())).isTrue();
    }

    @Test
    void aShortPasswordOrAnUnknownRoleIsRefused() {
        Path users = dir.resolve("users");
        Cli.Run shortPw = withStdin("short\n", "console", "adduser", "--users", users.toString(), "carol", "--password-stdin");
        assertThat(shortPw.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(shortPw.err()).contains("at least 12 characters");
        Cli.Run role = withStdin("a long enough password\n", "console", "adduser", "--users", users.toString(), "carol",
                "--role", "admin", "--password-stdin");
        assertThat(role.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(role.err()).contains("operator or viewer");
        assertThat(users).doesNotExist();
    }

    @Test
    void theConsoleDoesNotStartWithoutAUsersFileOrWithABadPort() {
        Cli.Run noUsers = Cli.run("console", "--users", dir.resolve("absent").toString(), "--port", "0",
                "--state-dir", dir.toString(), "-b", "tcp://127.0.0.1:1");
        assertThat(noUsers.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(noUsers.err()).contains("no such file").contains("adduser");

        Cli.Run port = Cli.run("console", "--port", "70000", "--users", dir.resolve("absent").toString());
        assertThat(port.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(port.err()).contains("--port must be 0..65535");
    }
}
