package io.sunsync.hal.accel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * What the fake command-line tools ({@link FakeNvidiaSmi}, {@link FakeNvpmodel}) share: an
 * executable bash script in a folder, its state and failure switches as files beside it, and the
 * log of its calls ({@code calls.log}, one line of arguments a call, which the script appends).
 * Not thread safe: one test owns it.
 */
final class FakeTool {
    private final Path dir;
    private final Path script;

    /** Writes {@code dir/name} with {@code text}, executable. */
    FakeTool(Path dir, String name, String text) {
        this.dir = dir;
        this.script = dir.resolve(name);
        write(name, text);
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script. */
    Path path() {
        return script;
    }

    /** Writes the state file {@code name}. */
    void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state file {@code name}, stripped of surrounding white space. */
    String read(String name) {
        try {
            return Files.readString(dir.resolve(name)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the state file (a switch) {@code name}, if there. */
    void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The argument lists it was run with, in order. */
    List<String> calls() {
        return Files.exists(dir.resolve("calls.log")) ? read("calls.log").lines().toList() : List.of();
    }
}
