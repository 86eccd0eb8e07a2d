package io.sunsync.ground.mission;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.events.EventRecord;
import io.sunsync.sim.control.ScenarioRunner;
import java.util.List;
import java.util.Map;

/**
 * Everything a finished rehearsal left for its report: the ground's own records (housekeeping and
 * events from its archive, the commands it sent, the results it verified and acknowledged, what
 * it received of each downlink stream) and the physics' (the sim's truth log, the static
 * baseline). Immutable.
 *
 * @param settings          how it ran
 * @param plan              the scenario as flown
 * @param folder            the output folder
 * @param brokerUrl         the broker
 * @param flightCommand     the flight launcher's command line
 * @param flightExit        flight's exit code (null: it had to be stopped)
 * @param flightWallS       wall time flight ran, in s
 * @param loadAtStart       the machine's load average when the run began
 * @param loadAtEnd         and when flight had finished
 * @param hk                housekeeping frames archived, in mission-time order
 * @param events            on-board events archived, in mission-time order
 * @param truth             the truth log
 * @param baseline          the static baseline's run (null if it failed)
 * @param commands          the commands sent
 * @param results           results downloaded and verified
 * @param incompleteResults results whose download started but did not finish: job to bytes in
 * @param acknowledged      results acknowledged (job ids)
 * @param jobsSubmitted     jobs the satellite accepted
 * @param streams           what was received of each downlink stream
 * @param badChunks         result chunks that failed their checksum
 * @param duplicateChunks   result chunks that came again
 * @param jobs              the jobs as the ground saw them
 * @param archiveDuplicates redelivered telemetry the archive dropped
 * @param grades            the throttler against the peers on this scenario (null: not graded)
 * @param authentication    messages the ground's telemetry authentication judged, by verdict
 *                          ({@code AUTHENTIC}, {@code DUPLICATE}, {@code BAD_MAC}, …)
 */
public record MissionData(MissionSettings settings, MissionPlan plan, MissionFolder folder, String brokerUrl,
                          List<String> flightCommand, Integer flightExit, double flightWallS, LoadAverage loadAtStart,
                          LoadAverage loadAtEnd, List<ArchiveRecord> hk, List<EventRecord> events, TruthLog truth,
                          ScenarioRunner.RunResult baseline, List<CommandLog.Entry> commands,
                          List<ResultCollector.Verified> results, Map<String, Long> incompleteResults,
                          List<String> acknowledged, int jobsSubmitted, Map<String, StreamLedger.StreamStats> streams,
                          long badChunks, long duplicateChunks, JobBook jobs, long archiveDuplicates,
                          GradingRun.Grades grades, Map<String, Long> authentication) {
}
