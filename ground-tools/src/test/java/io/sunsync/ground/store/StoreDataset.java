package io.sunsync.ground.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.ingest.FrameCheck;
import io.sunsync.ground.mqtt.GroundConnection.Received;
import io.sunsync.ground.testing.Messages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small archive's worth of ICD-valid traffic for store tests, every message checked by
 * {@link FrameCheck} as ingest would: three satellites' housekeeping at 1 Hz across the UTC
 * midnight of 2027-06-21/22 (two day partitions), events (job events among them), command
 * verification reports (a completed command, a rejected unreadable one, a failed one), a result
 * manifest, presence, and two frames that fail the ICD.
 */
final class StoreDataset {
    static final Instant START = Instant.parse("2027-06-21T23:59:50Z");
    static final List<String> SATS = List.of("sat-a", "sat-b", "sat-c");
    static final int FRAMES = 20;
    static final Instant RX = Instant.parse("2026-11-25T10:00:00.123456Z");

    final List<ArchiveRecord> hk = new ArrayList<>();
    final List<ArchiveRecord> other = new ArrayList<>();
    final List<QuarantinedFrame> quarantined = new ArrayList<>();
    private final FrameCheck check = new FrameCheck();
    private final SimulatedHousekeeping frames = new SimulatedHousekeeping(8);

    StoreDataset() {
        for (int s = 0; s < SATS.size(); s++) {
            String sat = SATS.get(s);
            for (int i = 0; i < FRAMES; i++) {
                Instant t = START.plusSeconds(i);
                hk.add(accept(Messages.withSeq("sunsync/" + sat + "/tm/hk", frames.frame(sat, s, i, t), "tm/hk", 1000 + i)));
            }
        }
        long evtSeq = 0;
        other.add(accept(Messages.withSeq("sunsync/sat-a/evt", event("2027-06-21T23:59:55Z", "INFO", "jobs", "JOB_SUBMITTED",
                "{\"jobId\":\"job-1\",\"owner\":\"ops\",\"state\":\"QUEUED\",\"reason\":\"SUBMITTED\",\"starts\":0,\"energyUsedWh\":0.0}"),
                "evt", evtSeq++)));
        other.add(accept(Messages.withSeq("sunsync/sat-a/evt", event("2027-06-21T23:59:58Z", "INFO", "jobs", "JOB_STARTED",
                "{\"jobId\":\"job-1\",\"owner\":\"ops\",\"state\":\"RUNNING\",\"reason\":\"STARTED\",\"starts\":1,\"boards\":[\"board-00\"],\"energyUsedWh\":0.0}"),
                "evt", evtSeq++)));
        other.add(accept(Messages.withSeq("sunsync/sat-a/evt", event("2027-06-22T00:00:04Z", "MEDIUM", "fdir", "BOARD_ISOLATED",
                "{\"board\":\"board-03\"}"), "evt", evtSeq++)));
        other.add(accept(Messages.withSeq("sunsync/sat-a/evt", event("2027-06-22T00:00:06Z", "INFO", "jobs", "JOB_SUCCEEDED",
                "{\"jobId\":\"job-1\",\"owner\":\"ops\",\"state\":\"SUCCEEDED\",\"reason\":\"COMPLETED\",\"starts\":1,\"workUnits\":12.5,\"energyUsedWh\":3.25,\"resultBytes\":300001}"),
                "evt", evtSeq++)));
        other.add(accept(Messages.withSeq("sunsync/sat-b/evt", event("2027-06-22T00:00:01Z", "HIGH", "modes", "SAFE_MODE_ENTERED",
                "{}"), "evt", 0)));
        other.add(accept(Messages.withSeq("sunsync/sat-a/tc/ack/gs1-tc-1", report("sat-a", "2027-06-21T23:59:52Z", "17", "\"board.cap\"",
                "ACCEPTED", "null"), "tc/ack", 0)));
        other.add(accept(Messages.withSeq("sunsync/sat-a/tc/ack/gs1-tc-1", report("sat-a", "2027-06-21T23:59:53Z", "17", "\"board.cap\"",
                "STARTED", "null"), "tc/ack", 1)));
        other.add(accept(Messages.withSeq("sunsync/sat-a/tc/ack/gs1-tc-1", report("sat-a", "2027-06-22T00:00:02Z", "17", "\"board.cap\"",
                "COMPLETED", "null"), "tc/ack", 2)));
        other.add(accept(Messages.withSeq("sunsync/sat-b/tc/ack", report("sat-b", "2027-06-21T23:59:59Z", "null", "null",
                "REJECTED", "\"BAD_MAC\""), "tc/ack", 0)));
        other.add(accept(Messages.withSeq("sunsync/sat-b/tc/ack", report("sat-b", "2027-06-22T00:00:03Z", "5", "\"mode.set\"",
                "ACCEPTED", "null"), "tc/ack", 1)));
        other.add(accept(Messages.withSeq("sunsync/sat-b/tc/ack", report("sat-b", "2027-06-22T00:00:04Z", "5", "\"mode.set\"",
                "FAILED", "\"INVALID_STATE\""), "tc/ack", 2)));
        other.add(accept(Messages.withSeq("sunsync/sat-a/results/job-1/manifest", """
                {"sat":"sat-a","job":"job-1","t":"2027-06-22T00:00:07Z","finishedAt":"2027-06-22T00:00:06Z","chunkBytes":49152,\
                "totalBytes":300001,"files":[{"name":"data.bin","sizeBytes":300001,"sha256":"%s","chunks":7}]}"""
                .formatted("ab".repeat(32)), "results", 0)));
        other.add(accept(Messages.on("sunsync/sat-c/birth", """
                {"sat":"sat-c","software":"sunsync-flight 0.1.0","t":"2027-06-21T23:59:50Z","backends":{"power":"sim"},"state":"online"}""")));
        quarantined.add(refuse(Messages.withSeq("sunsync/sat-a/tm/hk", "{\"sat\":\"sat-a\",\"seq\":1}", "tm/hk", 5000)));
        quarantined.add(refuse(new Received("sunsync/sat-b/evt", new byte[] {(byte) 0xff, 0x7b}, false, 1, 1, false,
                Map.of("stream", "evt", "seq", "9"), null)));
    }

    /** Everything that passed, in one batch, plus the quarantined frames. */
    StoreBatch batch() {
        List<ArchiveRecord> all = new ArrayList<>(hk);
        all.addAll(other);
        return new StoreBatch(all, quarantined);
    }

    /** The housekeeping records of {@code sat}, in time order. */
    List<ArchiveRecord> hkOf(String sat) {
        return hk.stream().filter(r -> r.sat().equals(sat)).toList();
    }

    private ArchiveRecord accept(Received r) {
        FrameCheck.Verdict v = check.check(r, RX);
        assertThat(v.quarantined()).as("test data must be ICD-valid: " + r.topic()).isNull();
        return v.record();
    }

    private QuarantinedFrame refuse(Received r) {
        FrameCheck.Verdict v = check.check(r, RX);
        assertThat(v.record()).as("test data must fail the ICD: " + r.topic()).isNull();
        return v.quarantined();
    }

    static String event(String t, String severity, String source, String code, String data) {
        return "{\"t\":\"%s\",\"severity\":\"%s\",\"source\":\"%s\",\"code\":\"%s\",\"message\":\"%s\",\"data\":%s}"
                .formatted(t, severity, source, code, code.toLowerCase().replace('_', ' '), data);
    }

    static String report(String sat, String t, String seq, String name, String stage, String reason) {
        return ("{\"sat\":\"%s\",\"t\":\"%s\",\"seq\":%s,\"name\":%s,\"stage\":\"%s\",\"reason\":%s,\"message\":\"%s\","
                + "\"progressPct\":null,\"data\":{},\"origin\":{\"kind\":\"ground\",\"id\":null},\"duplicate\":false}")
                .formatted(sat, t, seq, name, stage, reason, stage.toLowerCase());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
