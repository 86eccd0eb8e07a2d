package io.sunsync.ground.mission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The users' jobs in the rehearsal: synthetic training, sweeps, fine-tunes, evaluations and
 * urgent jobs of different priorities, board counts and lengths (docs/jobs.md), and real process
 * jobs that run a small script writing a result file. Sizes scale with the satellite's boards and
 * lengths with the mission, so a short test run still sees jobs finish. Stateless apart from a
 * counter per kind; one thread.
 */
public final class JobMix {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Work units a board delivers per second at a typical cap (1.0 at its maximum). */
    private static final double UNITS_PER_BOARD_S = 0.8;

    /** A kind of job. */
    public enum Kind {
        /** Long training runs on a sixth of the boards: the bulk of the work (checkpointable). */
        TRAIN("train", "team-llm", 40, true),
        /** One-board hyper-parameter sweeps, lowest priority: they fill any boards left free. */
        SWEEP("sweep", "team-research", 20, true),
        /** Fine-tunes on a few boards, higher priority: they preempt training. */
        FINETUNE("finetune", "team-vision", 60, true),
        /** Short evaluations that cannot checkpoint (they start over if interrupted). */
        EVAL("eval", "team-eval", 50, false),
        /** Urgent jobs with a deadline, top priority. */
        URGENT("urgent", "ops", 90, true),
        /** A real process: a script that computes an orbit table and writes it as its result. */
        ORBIT_TABLE("orbit-table", "flight-dynamics", 70, false),
        /** A real process that fails (bad input): how a failure reaches the ground. */
        BAD_INPUT("preprocess", "team-data", 55, false);

        final String prefix;
        final String owner;
        final int priority;
        final boolean checkpointable;

        Kind(String prefix, String owner, int priority, boolean checkpointable) {
            this.prefix = prefix;
            this.owner = owner;
            this.priority = priority;
            this.checkpointable = checkpointable;
        }
    }

    private final int boards;
    private final double missionS;
    private final int[] counters = new int[Kind.values().length];

    /**
     * @param boards   the satellite's boards
     * @param missionS the mission's length, in s (job lengths scale with it, up to a 3-day mission)
     */
    public JobMix(int boards, double missionS) {
        this.boards = boards;
        this.missionS = missionS;
    }

    /** Boards a job of {@code kind} asks for. */
    public int boardsOf(Kind kind) {
        int n = switch (kind) {
            case TRAIN -> Math.max(2, boards / 6);
            case SWEEP, ORBIT_TABLE, BAD_INPUT -> 1;
            case FINETUNE -> Math.max(1, boards / 24);
            case EVAL -> Math.max(1, boards / 48);
            case URGENT -> Math.max(1, boards / 12);
        };
        return Math.min(n, boards);
    }

    /** How long a job of {@code kind} runs at a typical cap, in s: a share of a 3-day mission, scaled to this one. */
    public double lengthS(Kind kind) {
        double scale = Math.min(1, missionS / (3 * 86_400.0));
        double hours = switch (kind) {
            case TRAIN -> 6;
            case SWEEP -> 4;
            case FINETUNE -> 1.5;
            case EVAL -> 0.5;
            case URGENT -> 1;
            case ORBIT_TABLE, BAD_INPUT -> 0;
        };
        return hours * 3600 * scale;
    }

    /** The next job of {@code kind}; {@code now} is the satellite's mission time (deadlines). */
    public ObjectNode next(Kind kind, Instant now) {
        int n = ++counters[kind.ordinal()];
        ObjectNode spec = JSON.createObjectNode();
        spec.put("id", String.format(Locale.ROOT, "%s-%03d", kind.prefix, n));
        spec.put("owner", kind.owner);
        spec.put("priority", kind.priority);
        int b = boardsOf(kind);
        spec.putObject("boards").put("count", b);
        spec.put("checkpointable", kind.checkpointable);
        switch (kind) {
            case ORBIT_TABLE -> {
                spec.put("kind", "process");
                spec.putObject("process").putArray("command").add("sh").add("-c").add(ORBIT_TABLE_SCRIPT);
            }
            case BAD_INPUT -> {
                spec.put("kind", "process");
                spec.putObject("process").putArray("command").add("sh").add("-c")
                        .add("echo \"shard 7 of the input is corrupt: header checksum mismatch\" >&2; exit 3");
            }
            default -> {
                spec.put("kind", "synthetic");
                spec.put("expectedWorkUnits", Math.max(1, Math.round(b * lengthS(kind) * UNITS_PER_BOARD_S)));
                if (kind == Kind.URGENT) {
                    // Due within three times its length: it must preempt to make it.
                    spec.put("deadline", now.plusSeconds(Math.max(3600, Math.round(4 * lengthS(kind)))).toString());
                }
            }
        }
        return spec;
    }

    /** The kinds that are real processes. */
    public static List<Kind> processKinds() {
        return List.of(Kind.ORBIT_TABLE, Kind.BAD_INPUT);
    }

    /**
     * The orbit-table job: Kepler periods and the longest eclipse of circular orbits from 500 to
     * 1000 km (cylindrical shadow, beta = 0), written as CSV with a summary; POSIX sh and awk only.
     */
    static final String ORBIT_TABLE_SCRIPT = """
            set -eu
            out="$SUNSYNC_RESULT_DIR/orbit-table.csv"
            awk 'BEGIN {
              mu = 3.986004418e14; re = 6378137; pi = 3.14159265358979
              print "altitude_km,period_min,max_eclipse_min"
              for (h = 500; h <= 1000; h += 50) {
                a = re + h * 1000; t = 2 * pi * sqrt(a * a * a / mu)
                x = sqrt(h * 1000 * (h * 1000 + 2 * re)) / a
                f = atan2(sqrt(1 - x * x), x) / pi
                printf "%d,%.3f,%.3f\\n", h, t / 60, f * t / 60
              }
            }' > "$out"
            echo "job $SUNSYNC_JOB_ID on $SUNSYNC_BOARDS: $(wc -l < "$out") lines" > "$SUNSYNC_RESULT_DIR/summary.txt"
            """;
}
