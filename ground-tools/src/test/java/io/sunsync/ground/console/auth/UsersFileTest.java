package io.sunsync.ground.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {
    private static final String BCRYPT = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";

    @TempDir
    Path dir;

    @Test
    void usersWithRolesAreReadAndCommentsSkipped() throws Exception {
        Path f = dir.resolve("users");
        Files.writeString(f, "# operators\nalice:" + BCRYPT + "\n\nbob:" + BCRYPT + ":viewer\ncarol:" + BCRYPT + ":OPERATOR\n");

        UsersFile u = UsersFile.read(f);

        assertThat(u.size()).isEqualTo(3);
        assertThat(u.user("alice")).get().extracting(UserAccount::role).isEqualTo(Role.OPERATOR);
        assertThat(u.user("bob")).get().extracting(UserAccount::role).isEqualTo(Role.VIEWER);
        assertThat(u.user("carol")).get().extracting(UserAccount::role).isEqualTo(Role.OPERATOR);
        assertThat(u.user("mallory")).isEmpty();
        assertThat(u.user("alice").get().toString()).doesNotContain(BCRYPT);
    }

    @Test
    void aWrongLineIsRefusedWithItsNumber() throws Exception {
        Path f = dir.resolve("users");
        Files.writeString(f, "alice:" + BCRYPT + "\nbob:not-a-hash\n");
        assertThatThrownBy(() -> UsersFile.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2").hasMessageContaining("bob").hasMessageNotContaining("not-a-hash");

        Files.writeString(f, "alice:" + BCRYPT + ":admin\n");
        assertThatThrownBy(() -> UsersFile.read(f)).hasMessageContaining("line 1").hasMessageContaining("'admin'");

        Files.writeString(f, "alice:" + BCRYPT + "\nalice:" + BCRYPT + "\n");
        assertThatThrownBy(() -> UsersFile.read(f)).hasMessageContaining("listed twice");

        Files.writeString(f, "# nobody\n");
        assertThatThrownBy(() -> UsersFile.read(f)).hasMessageContaining("no users").hasMessageContaining("adduser");

        assertThatThrownBy(() -> UsersFile.read(dir.resolve("absent"))).hasMessageContaining("no such file");
    }

    @Test
    void putAddsOrReplacesAUserKeepingTheRestAndTheFileIsOwnerOnly() throws Exception {
        Path f = dir.resolve("users");
        Files.writeString(f, "# ours\nalice:" + BCRYPT + "\nbob:" + BCRYPT + ":viewer\n");
        String fresh = PasswordHasher.hash("a new password!".toCharArray());

        UsersFile.put(f, new UserAccount("alice", fresh, Role.VIEWER));
        UsersFile.put(f, new UserAccount("dave", fresh, Role.OPERATOR));

        assertThat(Files.readAllLines(f)).containsExactly("# ours", "alice:" + fresh + ":viewer", "bob:" + BCRYPT + ":viewer",
                "dave:" + fresh + ":operator");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
        assertThat(UsersFile.read(f).user("alice").get().role()).isEqualTo(Role.VIEWER);
    }
}
