package io.sunsync.hal.accel;

import java.nio.file.Path;
import java.util.List;

/**
 * A fake {@code nvpmodel}: a bash script the jetson backend runs as a real child process,
 * answering the forms it uses with the real tool's output, as jetson-stats parses it
 * ({@code jtop/core/nvpmodel.py}) and as captured on Jetsons: {@code -p --verbose} prints the conf
 * file's modes as {@code NVPM VERB: POWER_MODEL: ID=N NAME=...} lines among others (on stderr, as
 * the VERB messages are); {@code -q} prints {@code NV Power Mode: NAME} and the id on the next line;
 * {@code -m N} switches, or asks for a reboot on stdin ("NVPM WARN: Reboot required for changing to
 * this power mode"), or fails with {@code NVPM ERROR}. State (the mode, failure switches, a log of
 * calls) in files beside it. Modes: Jetson Orin NX 16GB on JetPack 5.1 (MAXN, 10W, 15W, 25W).
 */
public final class FakeNvpmodel {
    /** Orin NX 16GB's modes: id and name. */
    public static final List<String> ORIN_NX_16GB = List.of("0 MAXN", "1 10W", "2 15W", "3 25W");

    private static final String SCRIPT = """
            #!/bin/bash
            # Fake nvpmodel written by a test (see FakeNvpmodel.java).
            D="$(cd "$(dirname "$0")" && pwd)"
            echo "$*" >> "$D/calls.log"
            if [ -f "$D/garbage" ]; then cat "$D/garbage"; exit 0; fi
            case "$1" in
              -p)
                echo "NVPM VERB: Config file: /etc/nvpmodel.conf" >&2
                echo "NVPM VERB: parsing done for /etc/nvpmodel.conf" >&2
                while read -r id name; do
                  echo "NVPM VERB: POWER_MODEL: ID=$id NAME=$name" >&2
                  echo "NVPM VERB: /sys/devices/system/cpu/cpu1/online 1" >&2
                done < "$D/modes"
                exit 0 ;;
              -q)
                if [ -f "$D/q-fails" ]; then cat "$D/q-fails"; exit 1; fi
                id="$(cat "$D/mode")"
                name="$(awk -v id="$id" '$1 == id { print $2 }' "$D/modes")"
                echo "NV Power Mode: $name"
                echo "$id"
                exit 0 ;;
              -m)
                if [ -f "$D/m-fails" ]; then cat "$D/m-fails"; exit 1; fi
                if [ -f "$D/reboot-for-$2" ]; then
                  echo "NVPM WARN: Reboot required for changing to this power mode: $2"
                  echo "NVPM WARN: DO YOU WANT TO REBOOT NOW? enter YES/yes to confirm:"
                  read -r answer
                  exit 0
                fi
                if ! awk -v id="$2" '$1 == id { found = 1 } END { exit !found }' "$D/modes"; then
                  echo "NVPM ERROR: Invalid mode id: $2"; exit 1
                fi
                if [ ! -f "$D/m-ignored" ]; then echo "$2" > "$D/mode"; fi
                exit 0 ;;
            esac
            echo "nvpmodel: unexpected arguments: $*" >&2
            exit 2
            """;

    private final FakeTool tool;

    /** A fake in {@code dir} with the Orin NX 16GB modes, mode {@code mode} in force. */
    public FakeNvpmodel(Path dir, int mode) {
        this.tool = new FakeTool(dir, "nvpmodel", SCRIPT);
        write("modes", String.join("\n", ORIN_NX_16GB) + "\n");
        mode(mode);
    }

    /** The script. */
    public Path path() {
        return tool.path();
    }

    /** Puts mode {@code id} in force (as someone else running nvpmodel, or a reboot into the default). */
    public FakeNvpmodel mode(int id) {
        write("mode", id + "\n");
        return this;
    }

    /** The mode in force. */
    public int mode() {
        return Integer.parseInt(tool.read("mode"));
    }

    /** Sets a failure switch: {@code garbage}, {@code q-fails}, {@code m-fails}, {@code m-ignored}, {@code reboot-for-N}. */
    public FakeNvpmodel on(String flag, String content) {
        write(flag, content);
        return this;
    }

    /** Clears a failure switch. */
    public FakeNvpmodel off(String flag) {
        tool.delete(flag);
        return this;
    }

    /** The argument lists it was run with, in order. */
    public List<String> calls() {
        return tool.calls();
    }

    private void write(String name, String content) {
        tool.write(name, content);
    }
}
