package io.sunsync.ground.constellation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.command.CommandSession;
import io.sunsync.ground.command.SequenceCounter;
import io.sunsync.ground.command.VerificationReport;
import io.sunsync.ground.mission.GroundScript;
import io.sunsync.ground.mission.JobMix;
import io.sunsync.ground.mission.MissionFolder;
import io.sunsync.ground.mission.MissionPlan;
import io.sunsync.ground.mqtt.ConnectSettings;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tc.CommandSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Gives one satellite of the constellation its work, as an operator would: the eclipse
 * ephemeris first (so the throttler can shed ahead of the first eclipse), then enough training
 * runs and sweeps ({@link JobMix}) to fill its boards, each a signed command followed to its
 * final report over its own MQTT session. Counts what completed.
 *
 * <p>Threading: {@link #run} on a thread of its own (one per satellite); the counts are read after
 * it has been joined.
 */
final class FleetLoad implements Runnable {
    private static final Duration VALID = Duration.ofHours(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String brokerUrl;
    private final String sat;
    private final MissionFolder folder;
    private final MissionPlan plan;
    private volatile int completed;
    private volatile int sent;
    private volatile String failure;

    FleetLoad(String brokerUrl, String sat, MissionFolder folder, MissionPlan plan) {
        this.brokerUrl = brokerUrl;
        this.sat = sat;
        this.folder = folder;
        this.plan = plan;
    }

    @Override
    public void run() {
        try (GroundConnection conn = new GroundConnection(ConnectSettings.transientSession(brokerUrl,
                GroundConnection.randomClientId("ground-ops")))) {
            CommandSession session = CommandSession.open(conn, sat, Duration.ofSeconds(60), Clock.systemUTC(),
                    folder.telemetryKeys(sat));
            if (session.context().dictionary() == null || session.context().hk() == null) {
                failure = "no dictionary or housekeeping from " + sat + " within 60 s";
                return;
            }
            CommandSigner signer = CommandKeyFile.read(folder.groundKeys(sat)).signer(1);
            SequenceCounter seqs = new SequenceCounter(folder.groundState());
            send(session, signer, seqs, "forecast.ephemeris", GroundScript.ephemeris(plan, now(session)));
            // jobs sized as for a day-long mission: they keep the boards busy through a short run
            JobMix mix = new JobMix(plan.boards(), Math.max(plan.durationS(), 86_400));
            int trains = plan.boards() / mix.boardsOf(JobMix.Kind.TRAIN);
            for (int i = 0; i < trains + 1; i++) {
                submit(session, signer, seqs, mix.next(JobMix.Kind.TRAIN, now(session)));
            }
            for (int i = 0; i < plan.boards() % mix.boardsOf(JobMix.Kind.TRAIN) + 2; i++) {
                submit(session, signer, seqs, mix.next(JobMix.Kind.SWEEP, now(session)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (Exception e) {
            failure = e.toString();
        }
    }

    private static Instant now(CommandSession session) throws InterruptedException {
        session.drain();
        Instant t = session.context().missionTime();
        return t == null ? Instant.EPOCH : t;
    }

    private void submit(CommandSession session, CommandSigner signer, SequenceCounter seqs, ObjectNode spec)
            throws Exception {
        ObjectNode a = new ObjectMapper().createObjectNode();
        a.set("spec", spec);
        send(session, signer, seqs, "job.submit", a);
    }

    private void send(CommandSession session, CommandSigner signer, SequenceCounter seqs, String name, ObjectNode args)
            throws Exception {
        sent++;
        VerificationReport last = session.execute(signer, seqs, name, args, VALID, TIMEOUT, (s, c, a) -> true, l -> { })
                .last();
        if (last != null && "COMPLETED".equals(last.stage())) {
            completed++;
        }
    }

    /** Commands sent. */
    int sent() {
        return sent;
    }

    /** Commands that ended COMPLETED. */
    int completed() {
        return completed;
    }

    /** What went wrong, or null. */
    String failure() {
        return failure;
    }
}
