package io.sunsync.flight.jobs;

import io.sunsync.flight.jobs.process.JobProcess;
import io.sunsync.flight.jobs.results.ResultStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prepares a job's directory for a start and launches its process with the environment that
 * binds it to its boards ({@code CUDA_VISIBLE_DEVICES}) and tells it its limits and folders
 * ({@code SUNSYNC_*}, listed in docs/jobs.md), marked with {@value JobRunner#ENV_MARKER} so that
 * an orphan can be found after a crash.
 *
 * <p>Threading: stateless apart from its context; called under the job runner's lock.
 */
final class JobLauncher {
    private final JobContext ctx;

    JobLauncher(JobContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Creates {@code work/}, {@code checkpoint/}, {@code result/} and {@code logs/}: a fresh work
     * folder when the spec asks for one, no result left by an earlier, unfinished attempt, no
     * checkpoint for a job that cannot resume from one, no stale checkpoint acknowledgement.
     */
    void prepare(Job job) throws IOException {
        JobSpec s = job.spec();
        Path dir = ctx.jobDir(job.id());
        Path work = dir.resolve("work");
        Path checkpoint = dir.resolve("checkpoint");
        Path result = dir.resolve("result");
        Path logs = dir.resolve("logs");
        if (s.kind() == JobKind.PROCESS && s.process().workDir() == WorkDirPolicy.FRESH) {
            ResultStore.deleteTree(work);
        }
        ResultStore.deleteTree(result);
        if (!s.checkpointable()) {
            ResultStore.deleteTree(checkpoint);
        }
        for (Path p : List.of(work, checkpoint, result, logs)) {
            Files.createDirectories(p);
        }
        Files.deleteIfExists(ctx.ackFile(job.id()));
    }

    /** Starts the process of {@code job} (journaled as started) on {@code boardIds}. */
    JobProcess start(Job job, List<String> boardIds) throws IOException {
        Path dir = ctx.jobDir(job.id());
        Path logs = dir.resolve("logs");
        return JobProcess.start(new JobProcess.Launch(job.id(), job.spec().process().command(), dir.resolve("work"),
                environment(job, boardIds), logs.resolve("stdout.log"), logs.resolve("stderr.log"),
                ctx.config.maxLogBytes()));
    }

    /** The process's whole environment: flight's own, less {@code SUNSYNC_*}, plus the spec's and the runner's. */
    Map<String, String> environment(Job job, List<String> boardIds) {
        JobSpec s = job.spec();
        Path dir = ctx.jobDir(job.id());
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("SUNSYNC_") || k.equals("CUDA_VISIBLE_DEVICES"));
        env.putAll(s.process().env());
        env.put("CUDA_VISIBLE_DEVICES", boardIds.stream().map(b -> Integer.toString(ctx.boards.board(b).spec().index()))
                .collect(Collectors.joining(",")));
        env.put("SUNSYNC_JOB_ID", s.id());
        env.put("SUNSYNC_JOB_OWNER", s.owner());
        env.put("SUNSYNC_BOARDS", String.join(",", boardIds));
        env.put("SUNSYNC_MIN_CAP_W", Double.toString(s.boards().minCapWOrZero()));
        env.put("SUNSYNC_ENERGY_BUDGET_WH", s.energyBudgetWh() == null ? "" : Double.toString(s.energyBudgetWh()));
        env.put("SUNSYNC_ENERGY_USED_WH", Double.toString(job.rec.energyUsedWh()));
        env.put("SUNSYNC_EXPECTED_WORK_UNITS", s.expectedWorkUnits() == null ? "" : Double.toString(s.expectedWorkUnits()));
        env.put("SUNSYNC_DEADLINE", s.deadline() == null ? "" : s.deadline().toString());
        env.put("SUNSYNC_RESULT_DIR", dir.resolve("result").toString());
        env.put("SUNSYNC_CHECKPOINT_DIR", dir.resolve("checkpoint").toString());
        env.put("SUNSYNC_CHECKPOINT_ACK", ctx.ackFile(job.id()).toString());
        env.put("SUNSYNC_START", Integer.toString(job.rec.starts()));
        env.put("SUNSYNC_ITEMS", s.items() == null ? "" : Integer.toString(s.items()));
        if (job.rec.checkRun() != null) {
            env.put("SUNSYNC_CHECK_ITEMS", job.rec.checkRun().items().stream().map(String::valueOf)
                    .collect(Collectors.joining(",")));
        }
        env.put(JobRunner.ENV_MARKER, ctx.dataDir.toString());
        return env;
    }
}
