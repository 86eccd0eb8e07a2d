package io.sunsync.flight.jobs;

import io.sunsync.hal.accel.BoardReading;
import java.util.List;

/**
 * Work and energy accounting: a job's work is the increase of its boards' delivered-work counters
 * since the last tick, its energy their power times the tick's length. Counted in memory and
 * journaled with the job's next record (progress records every {@code progressIntervalS}).
 *
 * <p>Threading: stateless; called under the job runner's lock.
 */
final class WorkMeter {
    private WorkMeter() {
    }

    /** The boards' counters now, from which the job's work is counted after it starts on them. */
    static void baseline(Job job, List<String> boardIds, BoardView boards) {
        job.lastWork.clear();
        for (String b : boardIds) {
            BoardReading r = boards.reading(b);
            job.lastWork.put(b, r == null ? Double.NaN : r.workUnits());
        }
    }

    /**
     * Adds the work and energy the job's boards delivered over the last {@code dtS} seconds
     * (counted only when {@code counting}; the counters move on either way).
     */
    static void account(Job job, BoardView boards, double dtS, boolean counting) {
        double work = 0;
        boolean measurable = true;
        double energyWh = 0;
        for (String b : job.rec.boardIds()) {
            BoardReading r = boards.reading(b);
            if (r == null) {
                continue;
            }
            double w = r.workUnits();
            Double last = job.lastWork.put(b, w);
            if (!Double.isFinite(w)) {
                measurable = false;
            } else if (last != null && Double.isFinite(last) && w >= last) {
                work += w - last;
            }
            double powerW = r.trustedPowerW();
            if (Double.isFinite(powerW)) {
                energyWh += powerW * dtS / 3600.0;
            }
        }
        if (!counting) {
            return;
        }
        double addWork = work;
        double addEnergy = energyWh;
        boolean measured = measurable;
        job.rec = job.rec.edit(e -> {
            e.workUnits = measured ? (e.workUnits == null ? 0.0 : e.workUnits) + addWork : null;
            e.energyUsedWh += addEnergy;
        });
    }

    /** Whether every one of {@code boardIds} measures delivered work (else a job's work is unknown). */
    static boolean measurable(List<String> boardIds, BoardView boards) {
        return boardIds.stream().map(boards::reading).allMatch(r -> r != null && Double.isFinite(r.workUnits()));
    }
}
