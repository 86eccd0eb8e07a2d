package io.sunsync.ground.console.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The console's users file: one user per line, {@code NAME:HASH[:ROLE]}, like an
 * {@code htpasswd} file ({@code htpasswd -B} lines work as they are); {@code ROLE} is
 * {@code operator} (the default) or {@code viewer}; {@code #} starts a comment. The hashes are
 * {@link PasswordHasher}'s. A line that is wrong stops the console with its line number; the
 * file is never printed. Immutable once read; thread safe.
 */
public final class UsersFile {
    private final Path file;
    private final Map<String, UserAccount> users;

    private UsersFile(Path file, Map<String, UserAccount> users) {
        this.file = file;
        this.users = Collections.unmodifiableMap(users);
    }

    /** True if {@code name} may be a user name. */
    public static boolean isValidName(String name) {
        return name != null && name.matches("[A-Za-z0-9._-]{1,64}");
    }

    /**
     * Reads {@code file}.
     *
     * @throws IllegalArgumentException naming the file, the line and what is wrong
     */
    public static UsersFile read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file (make one with: sunsync ground console adduser "
                    + "--users " + file + " NAME)");
        }
        Map<String, UserAccount> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            String[] f = line.split(":", -1);
            if (f.length < 2 || f.length > 3) {
                throw new IllegalArgumentException(where + "expected NAME:HASH or NAME:HASH:ROLE");
            }
            if (!isValidName(f[0])) {
                throw new IllegalArgumentException(where + "user name '" + f[0] + "' must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (!PasswordHasher.isSupported(f[1])) {
                throw new IllegalArgumentException(where + "the hash of " + f[0] + " is not an Argon2id ($argon2id$v=19$...) "
                        + "or bcrypt ($2y$...) hash");
            }
            Role role;
            try {
                role = f.length == 3 ? Role.valueOf(f[2].toUpperCase(Locale.ROOT)) : Role.OPERATOR;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "role '" + f[2] + "' is not operator or viewer");
            }
            if (users.put(f[0], new UserAccount(f[0], f[1], role)) != null) {
                throw new IllegalArgumentException(where + "user " + f[0] + " is listed twice");
            }
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException(file + ": no users (add one with: sunsync ground console adduser --users "
                    + file + " NAME)");
        }
        return new UsersFile(file, users);
    }

    /**
     * Adds or replaces {@code account} in {@code file} (created if absent), keeping the other
     * lines and comments; written to a temporary file readable by its owner only, then renamed.
     */
    public static void put(Path file, UserAccount account) throws IOException {
        List<String> out = new ArrayList<>();
        boolean replaced = false;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String name = line.strip().startsWith("#") ? "" : line.split(":", 2)[0].strip();
                if (name.equals(account.name())) {
                    if (!replaced) {
                        out.add(line(account));
                        replaced = true;
                    }
                } else {
                    out.add(line);
                }
            }
        } else {
            out.add("# sunsync console users: NAME:HASH[:ROLE] (role operator or viewer). Keep this file chmod 600.");
        }
        if (!replaced) {
            out.add(line(account));
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, out, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String line(UserAccount a) {
        return a.name() + ":" + a.passwordHash() + ":" + a.role().name().toLowerCase(Locale.ROOT);
    }

    /** The user called {@code name}. */
    public Optional<UserAccount> user(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** How many users there are. */
    public int size() {
        return users.size();
    }

    /** The file it was read from. */
    public Path file() {
        return file;
    }
}
