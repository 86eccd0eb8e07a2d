package io.sunsync.flight.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Job specs and small bash job programs for the tests. */
final class Specs {
    private Specs() {
    }

    static JobSpec process(String id, int priority, int boards, boolean checkpointable, String script) {
        return new JobSpec(id, "team-a", priority, null, new BoardRequest(boards, null), null, null, JobKind.PROCESS,
                new ProcessSpec(List.of("bash", "-c", script), Map.of("GREETING", "hello"), null), checkpointable);
    }

    static JobSpec process(String id, String script) {
        return process(id, 50, 1, false, script);
    }

    static JobSpec synthetic(String id, int priority, int boards, double work, boolean checkpointable) {
        return new JobSpec(id, "team-s", priority, null, new BoardRequest(boards, null), work, null, JobKind.SYNTHETIC,
                null, checkpointable);
    }

    static JobSpec withDeadline(JobSpec s, Instant deadline) {
        return new JobSpec(s.id(), s.owner(), s.priority(), deadline, s.boards(), s.expectedWorkUnits(),
                s.energyBudgetWh(), s.kind(), s.process(), s.checkpointable());
    }

    static JobSpec withOwner(JobSpec s, String owner) {
        return new JobSpec(s.id(), owner, s.priority(), s.deadline(), s.boards(), s.expectedWorkUnits(),
                s.energyBudgetWh(), s.kind(), s.process(), s.checkpointable());
    }

    static JobSpec withBudget(JobSpec s, double energyBudgetWh) {
        return new JobSpec(s.id(), s.owner(), s.priority(), s.deadline(), s.boards(), s.expectedWorkUnits(),
                energyBudgetWh, s.kind(), s.process(), s.checkpointable());
    }

    /** Writes the environment it was given and some bytes as its result. */
    static final String WRITE_RESULT = """
            echo "$CUDA_VISIBLE_DEVICES|$SUNSYNC_JOB_ID|$SUNSYNC_BOARDS|$GREETING|$SUNSYNC_START|$PWD" > "$SUNSYNC_RESULT_DIR/env.txt"
            head -c 100000 /dev/urandom > "$SUNSYNC_RESULT_DIR/data.bin"
            mkdir -p "$SUNSYNC_RESULT_DIR/sub" && echo nested > "$SUNSYNC_RESULT_DIR/sub/x.txt"
            """;

    /** Fails like a crashing program. */
    static final String CRASH = """
            echo "starting" ; echo "fatal: out of cheese" >&2 ; exit 3
            """;

    /** Never ends, ignores SIGTERM, and spawns a helper: only SIGKILL to the group ends it. */
    static final String HANG_IGNORING_TERM = """
            trap '' TERM
            sleep 1000 &
            while true; do sleep 0.05; done
            """;

    /** Never ends (but honours SIGTERM). */
    static final String HANG = """
            while true; do sleep 0.05; done
            """;

    /** Counts in its work dir until released by a file, then writes the count. */
    static final String COUNT_UNTIL_RELEASED = """
            i=0
            while [ ! -f "$SUNSYNC_CHECKPOINT_DIR/../release" ]; do i=$((i+1)); echo $i > count; sleep 0.02; done
            echo $i > "$SUNSYNC_RESULT_DIR/count.txt"
            """;

    /** 20 MB of stdout, then waits for release. */
    static final String SPAM = """
            for i in $(seq 1 200); do head -c 100000 /dev/zero | tr '\\0' 'x'; echo; done
            echo spam on stderr >&2
            touch spammed
            while [ ! -f "$SUNSYNC_CHECKPOINT_DIR/../release" ]; do sleep 0.02; done
            echo done > "$SUNSYNC_RESULT_DIR/r.txt"
            """;

    /**
     * Sums 1..N one step per 20 ms, keeping (i, sum) in a checkpoint file written atomically every
     * step; on SIGUSR1 saves and acknowledges (or, when CHECKPOINT_EXIT is set, saves and exits 75).
     * Waits for release before finishing when WAIT_RELEASE is set. Records each start in starts.log.
     */
    static String summer(int n) {
        return """
                cp="$SUNSYNC_CHECKPOINT_DIR/state"
                i=0; sum=0
                if [ -f "$cp" ]; then read i sum < "$cp"; fi
                echo "start $SUNSYNC_START from $i" >> "$SUNSYNC_CHECKPOINT_DIR/../starts.log"
                save() { echo "$i $sum" > "$cp.tmp" && mv "$cp.tmp" "$cp"; }
                on_usr1() { save; if [ -n "${CHECKPOINT_EXIT:-}" ]; then exit 75; fi; echo "$i" > "$SUNSYNC_CHECKPOINT_ACK"; }
                trap on_usr1 USR1
                while [ $i -lt N ]; do
                  (( i++, sum += i ))
                  save
                  sleep 0.02
                done
                while [ -n "${WAIT_RELEASE:-}" ] && [ ! -f "$SUNSYNC_CHECKPOINT_DIR/../release" ]; do sleep 0.02; done
                echo "$sum" > "$SUNSYNC_RESULT_DIR/sum.txt"
                cp "$SUNSYNC_CHECKPOINT_DIR/../starts.log" "$SUNSYNC_RESULT_DIR/starts.log"
                """.replace("N ]", n + " ]");
    }

    static JobSpec summerSpec(String id, int priority, int n, Map<String, String> env) {
        return new JobSpec(id, "team-a", priority, null, new BoardRequest(1, null), null, null, JobKind.PROCESS,
                new ProcessSpec(List.of("bash", "-c", summer(n)), env, null), true);
    }
}
