package io.sunsync.hal.accel;

import java.nio.file.Path;
import java.util.List;

/**
 * A fake {@code nvidia-smi}: a bash script the backend runs as a real child process, answering
 * the argument forms the backend uses with the real tool's output formats:
 * {@code --query-gpu=... --format=csv,noheader,nounits} prints one {@code ", "}-separated line
 * per GPU with {@code [N/A]}/{@code [Not Supported]} placeholders; {@code -i ID -pl W} (or
 * {@code -i 0,1,2 -pl W}, GPU by GPU) prints "Power limit for GPU 00000000:19:00.0 was set to
 * 250.00 W from 700.00 W." for each and "All done."; a GPU switched to fail ({@code pl-fails-N})
 * prints its message and "Terminating early due to previous errors." and exits 4, leaving the GPUs
 * after it in the list as they were;
 * {@code -i ID -r} resets. Its state (power limits, failure switches, a log of calls) lives in
 * files beside it. Formats after the nvidia-smi man page and captured output, e.g.
 * "Power limit for GPU 00000000:3B:00.0 was set to 250.00 W from 300.00 W." (h2oGPT FAQ).
 * Exit codes after the man page: 2 invalid argument, 4 no permission, 15 GPU lost.
 */
public final class FakeNvidiaSmi {
    public static final String UUID0 = "GPU-8b5e3c1e-6bd5-1b6a-5e2f-9d8f3c8a1d21";
    public static final String UUID1 = "GPU-1f0a9a7c-2c4e-9e1d-77b3-0e6a2d9c4f10";
    /** Two H100s: one busy and power-capped, one idle without ECC counts ([N/A]). */
    public static final String TWO_H100 = """
            0, %s, NVIDIA H100 80GB HBM3, 312.45, @LIMIT0@, 200.00, 700.00, 61, 87, 0, 0x0000000000000004
            1, %s, NVIDIA H100 80GB HBM3, 68.90, @LIMIT1@, 200.00, 700.00, 34, 0, [N/A], 0x0000000000000001
            """.formatted(UUID0, UUID1);

    private static final String SCRIPT = """
            #!/bin/bash
            # Fake nvidia-smi written by a test (see FakeNvidiaSmi.java).
            D="$(cd "$(dirname "$0")" && pwd)"
            echo "$*" >> "$D/calls.log"
            case " $* " in
              *" --query-gpu="*)
                if [ -f "$D/hang" ]; then sleep 60; exit 0; fi
                if [ -f "$D/old-driver" ] && [[ "$*" == *clocks_event_reasons* ]]; then
                  echo 'Field "clocks_event_reasons.active" is not a valid field to query.'
                  echo
                  echo 'Try "nvidia-smi --help-query-gpu" for more information.'
                  exit 2
                fi
                out="$(cat "$D/query.csv")"
                for f in "$D"/limit-*; do
                  [ -e "$f" ] || continue
                  n="${f##*-}"
                  out="${out//@LIMIT$n@/$(cat "$f")}"
                done
                printf '%s\\n' "$out"
                if [ -f "$D/exit-code" ]; then exit "$(cat "$D/exit-code")"; fi
                exit 0 ;;
              *" -pl "*)
                ids="$2"; w="$4"
                if [ -f "$D/pl-fails" ]; then cat "$D/pl-fails"; exit 4; fi
                if [ -f "$D/pl-hangs" ]; then sleep 60; fi
                for id in ${ids//,/ }; do
                  n="$(cat "$D/index-of-$id" 2>/dev/null || echo "$id")"
                  if [ -f "$D/pl-fails-$n" ]; then
                    cat "$D/pl-fails-$n"
                    echo "Terminating early due to previous errors."
                    exit 4
                  fi
                  old="$(cat "$D/limit-$n")"
                  if [ ! -f "$D/pl-ignored" ]; then printf '%s\\n' "$w" > "$D/limit-$n"; fi
                  printf 'Power limit for GPU 00000000:%02X:00.0 was set to %s W from %s W.\\n' $((25 + n)) "$w" "$old"
                done
                echo "All done."
                exit 0 ;;
              *" -r "*)
                id="$2"
                n="$(cat "$D/index-of-$id" 2>/dev/null || echo "$id")"
                cp "$D/default-limit-$n" "$D/limit-$n"
                printf 'GPU 00000000:%02X:00.0 was successfully reset.\\n' $((25 + n))
                echo "All done."
                exit 0 ;;
            esac
            echo "fake nvidia-smi: unexpected arguments: $*" >&2
            exit 2
            """;

    private final FakeTool tool;

    public FakeNvidiaSmi(Path dir) {
        this.tool = new FakeTool(dir, "nvidia-smi", SCRIPT);
        rows(TWO_H100);
        for (int n = 0; n < 2; n++) {
            limit(n, "700.00");
            write("default-limit-" + n, "700.00\n");
        }
        write("index-of-" + UUID0, "0\n");
        write("index-of-" + UUID1, "1\n");
    }

    public Path path() {
        return tool.path();
    }

    public FakeNvidiaSmi rows(String csv) {
        return write("query.csv", csv);
    }

    public FakeNvidiaSmi limit(int n, String w) {
        return write("limit-" + n, w + "\n");
    }

    public String limit(int n) {
        return read("limit-" + n);
    }

    public FakeNvidiaSmi on(String flag) {
        return write(flag, "");
    }

    public FakeNvidiaSmi on(String flag, String content) {
        return write(flag, content);
    }

    public FakeNvidiaSmi off(String flag) {
        tool.delete(flag);
        return this;
    }

    public List<String> calls() {
        return tool.calls();
    }

    public long queries() {
        return calls().stream().filter(c -> c.contains("--query-gpu=")).count();
    }

    private FakeNvidiaSmi write(String name, String text) {
        tool.write(name, text);
        return this;
    }

    private String read(String name) {
        return tool.read(name);
    }
}
