package io.sunsync.ground.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.command.CommandSession;
import io.sunsync.ground.command.RefusedException;
import io.sunsync.ground.events.EventLine;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.ground.jobs.JobSpecFile;
import io.sunsync.ground.jobs.JobTable;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.profile.LoadedProfile;
import io.sunsync.ground.results.ResultDownload;
import io.sunsync.ground.results.ResultFile;
import io.sunsync.ground.tc.CommandSigner;
import io.sunsync.ground.tmauth.TelemetryKeys;
import io.sunsync.ground.tmauth.TelemetryVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sunsync ground job}: the satellite's job runner, over authenticated commands. */
@Command(name = "job", mixinStandardHelpOptions = true,
        description = "Jobs on a satellite: submit a spec, list, cancel, and fetch a finished result.",
        subcommands = {JobCommand.Submit.class, JobCommand.ListJobs.class, JobCommand.Cancel.class, JobCommand.Result.class,
            CommandLine.HelpCommand.class})
public final class JobCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TERMINAL = Set.of("JOB_SUCCEEDED", "JOB_FAILED", "JOB_CANCELLED", "JOB_EXPIRED",
            "JOB_REJECTED");

    /** The persistent session that collects a satellite's results: created at submit, drained by {@code job result}. */
    static ConnectSettings resultsSession(ConnectedCommand cmd, LoadedProfile p, String sat, long expiryS) {
        return cmd.persistentSettings(p, "results", sat, expiryS);
    }

    /** Sends {@code name} with {@code args} through a fresh session; prints reports; returns the result (null if refused). */
    static CommandSession.Result send(ConnectedCommand cmd, CommandingOptions c, LoadedProfile p, String sat, String name,
                                      ObjectNode args, ExitCode[] exit) throws Exception {
        return send(cmd, c, p, sat, name, args, exit, line -> {
            cmd.out().println(sat + " " + line);
            cmd.out().flush();
        });
    }

    /** As {@link #send(ConnectedCommand, CommandingOptions, LoadedProfile, String, String, ObjectNode, ExitCode[])}, reports to {@code say}. */
    static CommandSession.Result send(ConnectedCommand cmd, CommandingOptions c, LoadedProfile p, String sat, String name,
                                      ObjectNode args, ExitCode[] exit, java.util.function.Consumer<String> say)
            throws Exception {
        try (GroundConnection conn = cmd.connect(p, "job")) {
            CommandSession session = CommandSession.open(conn, sat, Duration.ofSeconds(5), cmd.clock, TelemetryKeys.fromProfile(p));
            CommandSigner signer;
            try {
                session.check(name, args);
                signer = c.signer(p, sat, session.context());
                CommandSession.Result r = session.execute(signer, c.sequences(cmd.environ), name, args, c.valid(),
                        c.timeout(), c.confirmation(cmd.err()), say);
                exit[0] = TcCommand.outcome(cmd, r, c.timeoutS());
                return r;
            } catch (RefusedException e) {
                exit[0] = TcCommand.refused(cmd, e);
                return null;
            }
        }
    }

    /** {@code job submit}. */
    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = {"Submits a job spec file (JSON or YAML, docs/jobs.md) with job.submit. With --follow, "
                    + "follows the job's events until it ends and, when it succeeded, downloads its result (as job result)."},
            footer = {"", "Examples:",
                    "  sunsync ground job submit train.yaml --sat sat-001",
                    "  sunsync ground job submit train.yaml --sat sat-001 --follow --out results/"})
    public static final class Submit extends ConnectedCommand {
        @Mixin
        CommandingOptions commanding;

        @Parameters(index = "0", paramLabel = "SPEC", description = "Job spec file (.json, .yaml).")
        Path spec;

        @Option(names = "--follow", description = "Follow the job to its end, then fetch its result.")
        boolean follow;

        @Mixin
        ResultsFolder resultsFolder;

        @Option(names = "--follow-timeout-s", defaultValue = "3600", description = "How long to follow, in s (default ${DEFAULT-VALUE}).")
        double followTimeoutS;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            String sat = commanding.sat(profile);
            ObjectNode specJson = fromArguments(() -> JobSpecFile.read(spec));
            String id = specJson.path("id").asText();
            // Open the satellite's results session first, so the broker keeps the result for us.
            try (GroundConnection results = new GroundConnection(resultsSession(this, profile, sat, 7 * 86400))) {
                results.subscribe("sunsync/" + sat + "/results/+/#");
            }
            ExitCode[] exit = new ExitCode[1];
            ObjectNode args = JSON.createObjectNode();
            args.set("spec", specJson);
            CommandSession.Result r;
            if (!follow) {
                send(this, commanding, profile, sat, "job.submit", args, exit);
                return exit[0];
            }
            try (GroundConnection events = connect(profile, "job-follow")) {
                events.subscribe("sunsync/" + sat + "/evt");
                r = send(this, commanding, profile, sat, "job.submit", args, exit);
                if (r == null || !r.completed()) {
                    return exit[0];
                }
                long end = System.nanoTime() + (long) (followTimeoutS * 1e9);
                while (System.nanoTime() < end) {
                    GroundConnection.Received m = events.poll(200);
                    if (m == null || !authentic(profile, m)) {
                        continue;
                    }
                    EventRecord e;
                    try {
                        e = EventRecord.parse(sat, m.json());
                    } catch (IllegalArgumentException bad) {
                        continue;
                    }
                    if (!id.equals(e.data().path("jobId").asText())) {
                        continue;
                    }
                    out().println(EventLine.format(e, highlighter()));
                    out().flush();
                    if (TERMINAL.contains(e.code())) {
                        if (!e.code().equals("JOB_SUCCEEDED")) {
                            err().println("job " + id + " ended " + e.code());
                            return ExitCode.FAILED;
                        }
                        return fetch(this, commanding, profile, sat, id, resultsFolder.path(), followTimeoutS, true, true);
                    }
                }
                err().println("job " + id + ": still not finished after " + followTimeoutS + " s");
                return ExitCode.NO_DATA;
            }
        }
    }

    /** {@code job list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the satellite's jobs (job.list).",
            footer = {"", "Examples:", "  sunsync ground job list --sat sat-001", "  sunsync ground job list --sat sat-001 --json"})
    public static final class ListJobs extends ConnectedCommand {
        @Mixin
        CommandingOptions commanding;

        @Option(names = "--json", description = "Print the jobs as JSON.")
        boolean json;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            String sat = commanding.sat(profile);
            ExitCode[] exit = new ExitCode[1];
            StringBuilder reports = new StringBuilder();
            CommandSession.Result r = send(this, commanding, profile, sat, "job.list", JSON.createObjectNode(), exit,
                    line -> reports.append(sat).append(' ').append(line).append(System.lineSeparator()));
            if (r == null || !r.completed()) {
                out().print(reports);
                out().flush();
                return exit[0];
            }
            JsonNode jobs = r.last().data().path("jobs");
            out().print(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(jobs) + "\n" : JobTable.render(jobs));
            out().flush();
            return ExitCode.OK;
        }
    }

    /** {@code job cancel}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels an unfinished job (job.cancel).",
            footer = {"", "Examples:", "  sunsync ground job cancel train-042 --sat sat-001 --reason \"wrong data set\""})
    public static final class Cancel extends ConnectedCommand {
        @Mixin
        CommandingOptions commanding;

        @Parameters(index = "0", paramLabel = "JOB", description = "Job id.")
        String job;

        @Option(names = "--reason", description = "Why, for the job record.")
        String reason;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            ObjectNode args = JSON.createObjectNode().put("id", job);
            if (reason != null) {
                args.put("reason", reason);
            }
            ExitCode[] exit = new ExitCode[1];
            send(this, commanding, profile, commanding.sat(profile), "job.cancel", args, exit);
            return exit[0];
        }
    }

    /** {@code job result}. */
    @Command(name = "result", mixinStandardHelpOptions = true,
            description = {"Downloads a finished job's result (docs/icd/downlink.md): every chunk checked against its "
                    + "SHA-256 and written at its offset under OUT/JOB/.partial, progress kept on disk so an interrupted "
                    + "download resumes; when complete, every file checked against its SHA-256 and moved into OUT/JOB, "
                    + "and the result acknowledged (job.ackResult) so the satellite releases it.",
                    "Results are collected by the satellite's persistent results session (PREFIX-results-SAT, opened "
                            + "by job submit), so chunks sent while no one was listening wait at the broker."},
            footer = {"", "Examples:",
                    "  sunsync ground job result train-042 --sat sat-001 --out results/",
                    "  sunsync ground job result train-042 --sat sat-001 --no-ack     # keep it on board"})
    public static final class Result extends ConnectedCommand {
        @Mixin
        CommandingOptions commanding;

        @Parameters(index = "0", paramLabel = "JOB", description = "Job id.")
        String job;

        @Mixin
        ResultsFolder resultsFolder;

        @Option(names = "--wait-s", defaultValue = "600", description = "How long to wait for the result, in s (default ${DEFAULT-VALUE}).")
        double timeoutS;

        @Option(names = "--no-ack", description = "Do not acknowledge: the satellite keeps the result.")
        boolean noAck;

        @Option(names = "--no-progress", description = "No progress bar.")
        boolean noProgress;

        @Override
        protected ExitCode run(LoadedProfile profile) throws Exception {
            return fetch(this, commanding, profile, commanding.sat(profile), job, resultsFolder.path(), timeoutS, !noAck, !noProgress);
        }

    }

    /**
     * Downloads {@code job}'s result into {@code out} through the satellite's results session,
     * then acknowledges it when {@code ack}.
     */
    static ExitCode fetch(ConnectedCommand cmd, CommandingOptions c, LoadedProfile profile, String sat, String job, Path out,
                          double timeoutS, boolean ack, boolean progress) throws Exception {
        ResultDownload download = GroundCommand.fromArguments(() -> new ResultDownload(out, job));
        Map<String, ResultDownload> others = new HashMap<>();
        Set<String> refused = new HashSet<>();
        if (!download.isComplete()) {
            Progress bar = null;
            try (GroundConnection conn = new GroundConnection(resultsSession(cmd, profile, sat, 7 * 86400))) {
                conn.subscribe("sunsync/" + sat + "/results/+/#");
                cmd.err().printf("job result: waiting for %s of %s (%d bytes in so far)%n", job, sat, download.bytesIn());
                cmd.err().flush();
                long end = System.nanoTime() + (long) (timeoutS * 1e9);
                String lastMissing = "";
                TelemetryVerifier verifier = new TelemetryVerifier(TelemetryKeys.fromProfile(profile));
                while (!download.isComplete() && System.nanoTime() < end) {
                    GroundConnection.Received r = conn.poll(200);
                    if (r == null) {
                        continue;
                    }
                    TelemetryVerifier.Check check = verifier.check(r);
                    if (check.verdict().refused()) {
                        cmd.err().println("job result: REFUSED a message on " + r.topic() + ": " + check.verdict() + " ("
                                + check.detail() + "); not used");
                        cmd.err().flush();
                    }
                    String[] parts = r.subtopic().split("/");
                    if (check.shown() && parts.length == 3 && parts[0].equals("results")) {
                        ResultDownload d = parts[1].equals(job) ? download : other(cmd, out, parts[1], others, refused);
                        if (d != null) {
                            ResultDownload.Outcome o = d.accept(parts[2], r.json());
                            if (d == download && o == ResultDownload.Outcome.INCOMPLETE) {
                                String missing = summary(download.missing());
                                if (!missing.equals(lastMissing)) {
                                    cmd.err().println("job result: eof came with chunks missing: " + missing
                                            + " (waiting; flight repeats the eof until acknowledged)");
                                    cmd.err().flush();
                                    lastMissing = missing;
                                }
                            }
                        }
                    }
                    // Stored (or not ours to store) before the broker forgets it.
                    conn.ack(r);
                    if (bar == null && download.totalBytes() > 0) {
                        bar = Progress.bytes(progress, "result " + job, download.totalBytes());
                    }
                    if (bar != null) {
                        bar.stepTo(download.bytesIn());
                    }
                }
                download.save();
                for (ResultDownload d : others.values()) {
                    d.save();
                }
                if (download.isComplete() && bar != null) {
                    bar.done();
                }
            } finally {
                if (bar != null) {
                    bar.close();
                }
                for (ResultDownload d : others.values()) {
                    d.close();
                }
            }
        }
        download.close();
        if (!download.isComplete()) {
            cmd.err().printf("job result: %s not complete after %.0f s (%d of %s bytes in; missing %s); run it again to resume%n",
                    job, timeoutS, download.bytesIn(), download.totalBytes() < 0 ? "?" : download.totalBytes(),
                    summary(download.missing()));
            return ExitCode.NO_DATA;
        }
        cmd.out().printf("%s: result of %s verified in %s%n", sat, job, download.directory());
        for (ResultFile f : download.files()) {
            cmd.out().printf(Locale.ROOT, "  %-32s %12d B  sha256 %s%n", f.name(), f.sizeBytes(), f.sha256());
        }
        cmd.out().flush();
        if (!ack) {
            return ExitCode.OK;
        }
        ExitCode[] exit = new ExitCode[1];
        send(cmd, c, profile, sat, "job.ackResult", JSON.createObjectNode().put("id", job), exit);
        return exit[0];
    }

    /**
     * The download of another job's result met on the way (stored too, so that no later fetch has
     * to ask for it again), or null when it cannot be stored: an id that is not a safe file name,
     * or a download folder that cannot be read or created. A refusal is said once, with its reason;
     * the fetch of {@code job} goes on.
     */
    private static ResultDownload other(ConnectedCommand cmd, Path out, String otherJob,
                                        Map<String, ResultDownload> others, Set<String> refused) {
        ResultDownload d = others.get(otherJob);
        if (d != null || refused.contains(otherJob)) {
            return d;
        }
        try {
            d = new ResultDownload(out, otherJob);
        } catch (IllegalArgumentException | IOException e) {
            refused.add(otherJob);
            cmd.err().println("job result: not storing the result of " + otherJob + " met on the way: " + e.getMessage());
            cmd.err().flush();
            return null;
        }
        others.put(otherJob, d);
        return d;
    }

    private static String summary(Map<String, List<Integer>> missing) {
        if (missing.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        missing.forEach((f, idx) -> sb.append(sb.length() > 0 ? ", " : "").append(f).append(' ')
                .append(idx.size()).append(" chunks"));
        return sb.toString();
    }
}
