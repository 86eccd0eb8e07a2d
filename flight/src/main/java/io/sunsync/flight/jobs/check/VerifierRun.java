package io.sunsync.flight.jobs.check;

import io.sunsync.flight.jobs.CheckSpec;
import io.sunsync.flight.jobs.JobRecord;
import io.sunsync.flight.jobs.JobRunner;
import io.sunsync.flight.jobs.JobSpec;
import io.sunsync.flight.jobs.process.JobProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One run of a job's verifier on its stored result: an OS process in its own process group (as
 * jobs run), on the host's CPU ({@code CUDA_VISIBLE_DEVICES} empty), with the result's folder in
 * {@code SUNSYNC_RESULT_DIR}, the boards that computed it in {@code SUNSYNC_BOARDS}, and
 * {@code SUNSYNC_CHECK_REPORT} where it may name the wrong items. Polled, never waited on; killed
 * at its time limit. Carries the runner's orphan marker, so one left by a crash is killed at the
 * next start.
 *
 * <p>Not thread safe: owned by the {@link ResultChecker}.
 */
final class VerifierRun {
    private static final int TAIL_CHARS = 400;
    private static final int MAX_REPORTED = 100_000;

    /** What the verifier said. */
    enum Verdict {
        /** Still running. */
        RUNNING,
        /** Exit 0: the result is right. */
        RIGHT,
        /** Exit 1: the result is wrong. */
        WRONG,
        /** Any other exit, or no exit in time: no verdict. */
        BROKEN
    }

    /**
     * @param verdict    the verdict
     * @param wrongItems items the verifier named wrong (WRONG only; empty when it named none)
     * @param detail     for a human: exit code, stderr tail, time taken
     * @param wallMs     how long it ran, in ms of monotonic time
     */
    record Outcome(Verdict verdict, List<Integer> wrongItems, String detail, long wallMs) {
    }

    private final JobProcess process;
    private final long startNanos;
    private final long deadlineNanos;
    private final double timeoutS;
    private final Path report;

    private VerifierRun(JobProcess process, double timeoutS, Path report) {
        this.process = process;
        this.startNanos = System.nanoTime();
        this.timeoutS = timeoutS;
        this.deadlineNanos = startNanos + (long) (timeoutS * 1e9);
        this.report = report;
    }

    /**
     * Starts the verifier of {@code job} on its result in {@code resultFiles}.
     *
     * @param scratch     an emptied folder for its working directory, logs and report
     * @param computedOn  the boards that computed the result
     * @param dataDir     the runner's data folder (the orphan marker's value)
     * @throws IOException when it cannot be started
     */
    static VerifierRun start(JobRecord job, Path resultFiles, Path scratch, List<String> computedOn, Path dataDir,
                             long maxLogBytes) throws IOException {
        JobSpec s = job.spec();
        CheckSpec.Verifier v = s.check().verifier();
        Path work = scratch.resolve("work");
        Path logs = scratch.resolve("logs");
        Files.createDirectories(work);
        Files.createDirectories(logs);
        Path report = scratch.resolve("wrong-items.txt");
        Files.deleteIfExists(report);
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("SUNSYNC_") || k.equals("CUDA_VISIBLE_DEVICES"));
        if (s.process() != null) {
            env.putAll(s.process().env());
        }
        env.put("CUDA_VISIBLE_DEVICES", "");
        env.put("SUNSYNC_JOB_ID", s.id());
        env.put("SUNSYNC_JOB_OWNER", s.owner());
        env.put("SUNSYNC_BOARDS", String.join(",", computedOn));
        env.put("SUNSYNC_RESULT_DIR", resultFiles.toString());
        env.put("SUNSYNC_CHECK_REPORT", report.toString());
        env.put("SUNSYNC_EXPECTED_WORK_UNITS", s.expectedWorkUnits() == null ? "" : Double.toString(s.expectedWorkUnits()));
        env.put("SUNSYNC_ITEMS", s.items() == null ? "" : Integer.toString(s.items()));
        env.put(JobRunner.ENV_MARKER, dataDir.toString());
        JobProcess p = JobProcess.start(new JobProcess.Launch(job.id() + "-verifier", v.command(), work, env,
                logs.resolve("stdout.log"), logs.resolve("stderr.log"), maxLogBytes));
        return new VerifierRun(p, v.timeoutS(), report);
    }

    /** Its verdict so far (RUNNING until it exits or its time is up; then it is killed). */
    Outcome poll() {
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        OptionalInt code = process.exitCode();
        if (code.isEmpty()) {
            if (System.nanoTime() - deadlineNanos >= 0) {
                process.kill();
                return new Outcome(Verdict.BROKEN, List.of(), "verifier still running after " + timeoutS + " s (killed)", ms);
            }
            return new Outcome(Verdict.RUNNING, List.of(), "", ms);
        }
        process.kill(); // whatever it left in its group
        int c = code.getAsInt();
        if (c == 0) {
            return new Outcome(Verdict.RIGHT, List.of(), "verifier exit 0 after " + ms + " ms", ms);
        }
        if (c == 1) {
            return new Outcome(Verdict.WRONG, reportedItems(), "verifier exit 1 after " + ms + " ms", ms);
        }
        String tail = process.stderr().tail(TAIL_CHARS).strip();
        return new Outcome(Verdict.BROKEN, List.of(), "verifier exit " + c + (tail.isEmpty() ? "" : "; stderr: " + tail), ms);
    }

    /** Kills it (the runner stops, or its job ended). */
    void kill() {
        process.kill();
    }

    private List<Integer> reportedItems() {
        List<Integer> out = new ArrayList<>();
        try {
            if (Files.isRegularFile(report)) {
                for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
                    String t = line.strip();
                    if (!t.isEmpty() && t.length() <= 9 && t.chars().allMatch(Character::isDigit) && out.size() < MAX_REPORTED) {
                        out.add(Integer.parseInt(t));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // a report that cannot be read names no item: every board of the job is blamed
        }
        return out;
    }
}
