package io.sunsync.bench.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a process campaign's counts alone cannot show, checked per id from what its ground
 * received: each job's events in the order flight numbered them (accepted once, never started
 * again once its work was done, ended once, its result acknowledged once), each result's content
 * (one manifest per job, however often it was sent), each command attempt (executed at most once:
 * a copy redelivered after a restart may be answered again, marked duplicate or refused as a
 * replay, never run again) and each telemetry sequence number (one payload, however often
 * delivered). Stateless.
 */
final class PerIdAudit {
    private static final Set<String> TERMINAL = Set.of("JOB_SUCCEEDED", "JOB_FAILED", "JOB_CANCELLED", "JOB_EXPIRED");
    /** Events that put a job's work on boards. */
    private static final Set<String> RUNS = Set.of("JOB_STARTED", "JOB_RESUMED", "JOB_REQUEUED");
    /** Report stages that say the command ran. */
    private static final Set<String> EXECUTED = Set.of("COMPLETED", "FAILED");

    private PerIdAudit() {
    }

    /** Figures (all counts of ids; every one but the totals must be 0) and one problem per id that failed. */
    record Outcome(Map<String, Object> figures, List<String> problems) {
    }

    /**
     * @param ground   the campaign's ground, after the run
     * @param planned  ids of the jobs the ground submitted
     */
    static Outcome audit(CampaignGround ground, Set<String> planned) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String>> timelines = new TreeMap<>();
        for (JsonNode e : ground.events()) {
            String job = e.path("data").path("jobId").asText("");
            String code = e.path("code").asText();
            if (!job.isEmpty() && !code.equals("JOB_REJECTED")) {
                timelines.computeIfAbsent(job, k -> new ArrayList<>()).add(code);
            }
        }
        long acceptedTwice = 0;
        long ranAfterDone = 0;
        long endedTwice = 0;
        long ackedTwice = 0;
        long unknownJobs = 0;
        for (var t : timelines.entrySet()) {
            String job = t.getKey();
            List<String> codes = t.getValue();
            if (!planned.contains(job)) {
                unknownJobs++;
                problems.add("job " + job + ": events for a job the ground never submitted: " + clip(codes));
                continue;
            }
            if (codes.stream().filter("JOB_SUBMITTED"::equals).count() > 1) {
                acceptedTwice++;
                problems.add("job " + job + " accepted more than once: " + clip(codes));
            }
            if (codes.stream().filter(TERMINAL::contains).count() > 1) {
                endedTwice++;
                problems.add("job " + job + " ended more than once: " + clip(codes));
            }
            if (codes.stream().filter("RESULT_ACKED"::equals).count() > 1) {
                ackedTwice++;
                problems.add("job " + job + " result acknowledged more than once: " + clip(codes));
            }
            boolean done = false;
            for (String c : codes) {
                if (done && RUNS.contains(c)) {
                    ranAfterDone++;
                    problems.add("job " + job + " put on boards again after its work was done: " + clip(codes));
                    break;
                }
                done |= c.equals("JOB_EXITED") || TERMINAL.contains(c);
            }
        }

        long twoContents = 0;
        long deliveries = 0;
        for (var m : ground.manifests().entrySet()) {
            deliveries += m.getValue().values().stream().mapToInt(Integer::intValue).sum();
            if (m.getValue().size() > 1) {
                twoContents++;
                problems.add("job " + m.getKey() + ": " + m.getValue().size() + " different results came down: "
                        + m.getValue().keySet());
            }
            if (!planned.contains(m.getKey())) {
                problems.add("a result for a job the ground never submitted: " + m.getKey());
            }
        }

        long executedTwice = 0;
        long refusedAfterExecution = 0;
        for (var r : ground.reports().entrySet()) {
            List<JsonNode> firsts = r.getValue().stream().filter(n -> !n.path("duplicate").asBoolean()).toList();
            long executions = firsts.stream().filter(n -> EXECUTED.contains(n.path("stage").asText())).count();
            if (executions > 1) {
                executedTwice++;
                problems.add("command seq " + r.getKey() + " executed " + executions + " times (reports not marked duplicate)");
            } else if (executions == 1 && firsts.stream().anyMatch(n -> n.path("stage").asText().equals("REJECTED"))) {
                // A copy the broker delivered again after a kill -9, refused (REPLAY): answered twice, run once.
                refusedAfterExecution++;
            }
        }

        List<String> conflicts = ground.seqConflicts();
        conflicts.stream().limit(20).forEach(c -> problems.add("telemetry: " + c));

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("jobsAuditedPerId", timelines.size());
        f.put("jobsAcceptedTwice", acceptedTwice);
        f.put("jobsRunAfterDone", ranAfterDone);
        f.put("jobsEndedTwice", endedTwice);
        f.put("jobsUnknownToGround", unknownJobs);
        f.put("resultsAckedTwice", ackedTwice);
        f.put("resultManifestDeliveries", deliveries);
        f.put("resultsWithTwoContents", twoContents);
        f.put("commandsExecutedTwice", executedTwice);
        f.put("commandCopiesRefusedAfterExecution", refusedAfterExecution);
        f.put("telemetrySeqConflicts", conflicts.size());
        return new Outcome(f, problems);
    }

    private static String clip(List<String> codes) {
        return codes.size() <= 30 ? codes.toString() : codes.subList(codes.size() - 30, codes.size()) + " (last 30)";
    }
}
