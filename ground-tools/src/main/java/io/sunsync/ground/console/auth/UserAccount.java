package io.sunsync.ground.console.auth;

import java.util.Objects;

/**
 * One line of the users file.
 *
 * @param name         the login name
 * @param passwordHash the password's hash ({@code $argon2id$…} or bcrypt {@code $2y$…}); never shown
 * @param role         what the user may do
 */
public record UserAccount(String name, String passwordHash, Role role) {
    public UserAccount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        if (!UsersFile.isValidName(name)) {
            throw new IllegalArgumentException("user name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return "UserAccount[" + name + ", " + role + "]";
    }
}
