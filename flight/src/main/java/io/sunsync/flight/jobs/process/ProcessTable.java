package io.sunsync.flight.jobs.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads Linux's {@code /proc} to find job processes by an environment marker, and their process
 * groups: how the runner finds the orphans of a flight software instance that was killed
 * (their pids may never have reached the journal). Where {@code /proc} does not exist the
 * methods find nothing. Stateless and thread safe.
 */
public final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {
    }

    /** True where {@code /proc} can be scanned. */
    public static boolean available() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** Pids of live processes whose initial environment holds {@code name=value}. */
    public static List<Long> withEnv(String name, String value) {
        byte[] needle = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
        List<Long> pids = new ArrayList<>();
        if (!available()) {
            return pids;
        }
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars()
                .allMatch(Character::isDigit))) {
            for (Path p : ds) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                try {
                    if (containsEntry(Files.readAllBytes(p.resolve("environ")), needle)) {
                        pids.add(pid);
                    }
                } catch (IOException | SecurityException e) {
                    // gone meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    /** The process group of {@code pid}, from {@code /proc/<pid>/stat}. */
    public static OptionalLong processGroup(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // pid (comm) state ppid pgrp ... ; comm may contain spaces and parentheses
            String rest = stat.substring(stat.lastIndexOf(')') + 2);
            String[] f = rest.split(" ");
            return OptionalLong.of(Long.parseLong(f[2]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The state letter of {@code pid} ({@code R}, {@code S}, {@code T} stopped, {@code Z} ...), or '?' when gone. */
    public static char state(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }

    /**
     * Pids of the live (not zombie) processes of group {@code pgid}; empty where {@code /proc} is
     * missing. Zombies are left out: where PID 1 does not reap (some containers) they never go.
     */
    public static List<Long> liveMembers(long pgid) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().chars()
                .allMatch(Character::isDigit))) {
            for (Path p : ds) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[2]) == pgid && !f[0].equals("Z") && !f[0].equals("X")) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return pids;
        }
        return pids;
    }

    /** Entries of an environ block are NUL-separated; match a whole entry. */
    private static boolean containsEntry(byte[] environ, byte[] needle) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == needle.length) {
                    boolean eq = true;
                    for (int k = 0; k < needle.length && eq; k++) {
                        eq = environ[start + k] == needle[k];
                    }
                    if (eq) {
                        return true;
                    }
                }
                start = i + 1;
            }
        }
        return false;
    }
}
