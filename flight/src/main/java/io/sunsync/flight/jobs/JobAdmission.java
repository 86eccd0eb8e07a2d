package io.sunsync.flight.jobs;

import io.sunsync.hal.accel.AcceleratorBoard;
import io.sunsync.hal.accel.BoardSpec;
import java.time.Instant;

/**
 * Admission of submitted jobs: whether this satellite can run a spec at all (boards, caps, a
 * synthetic job's need for boards that measure work, checks), and whether it may be queued now
 * (deadline, duplicate id, queue bound, the owner's quota of unfinished jobs, the results store's
 * bound). The first reason that applies is the answer.
 *
 * <p>Threading: not thread-safe; called under the job runner's lock.
 */
final class JobAdmission {
    /** Why a submission is refused. */
    record Refusal(JobRejectReason reason, String message) {
    }

    private final JobContext ctx;

    JobAdmission(JobContext ctx) {
        this.ctx = ctx;
    }

    /** Why {@code spec} cannot be queued at mission time {@code now}, or null when it can. */
    Refusal check(JobSpec spec, Instant now) {
        BoardView boards = ctx.boards;
        JobsConfig config = ctx.config;
        int count = spec.boards().count();
        if (count > boards.count()) {
            return new Refusal(JobRejectReason.BAD_BOARD_COUNT, "asks for " + count + " boards; this satellite has "
                    + boards.count());
        }
        double minCap = spec.boards().minCapWOrZero();
        long capable = boards.all().stream().map(AcceleratorBoard::spec).mapToDouble(BoardSpec::maxCapW)
                .filter(m -> m >= minCap).count();
        if (capable == 0) {
            return new Refusal(JobRejectReason.BAD_MIN_CAP, "no board reaches a cap of " + minCap + " W");
        }
        if (capable < count) {
            return new Refusal(JobRejectReason.BAD_BOARD_COUNT, "asks for " + count + " boards reaching "
                    + minCap + " W; this satellite has " + capable);
        }
        if (spec.kind() == JobKind.SYNTHETIC && boards.all().stream().map(boards::readingOrRead)
                .anyMatch(r -> !Double.isFinite(r.workUnits()))) {
            return new Refusal(JobRejectReason.SYNTHETIC_UNSUPPORTED,
                    "these boards do not measure delivered work; synthetic jobs need the sim backend");
        }
        if (spec.check() != null && !ctx.checks.enabled()) {
            return new Refusal(JobRejectReason.BAD_CHECK, "this satellite checks no results");
        }
        if (spec.check() != null && spec.check().sample() != null && boards.count() < count + 2) {
            return new Refusal(JobRejectReason.BAD_CHECK, "sampling a job on " + count + " boards needs " + (count + 2)
                    + " (a check board and a referee besides its own); this satellite has " + boards.count());
        }
        if (spec.deadline() != null && !spec.deadline().isAfter(now)) {
            return new Refusal(JobRejectReason.DEADLINE_PASSED, "deadline " + spec.deadline() + " is not after "
                    + "mission time " + now);
        }
        JobTable table = ctx.table;
        if (table.contains(spec.id())) {
            return new Refusal(JobRejectReason.DUPLICATE_ID, "job " + spec.id() + " is known already ("
                    + table.get(spec.id()).rec.state() + ")");
        }
        long unfinished = table.all().stream()
                .filter(j -> !j.rec.state().terminal() && j.rec.checkRun() == null).count(); // check runs: per result
        if (unfinished >= config.maxUnfinishedJobs()) {
            return new Refusal(JobRejectReason.QUEUE_FULL, unfinished + " unfinished jobs on board; the bound is "
                    + config.maxUnfinishedJobs() + " (jobs.maxUnfinishedJobs)");
        }
        Integer maxActive = config.quotaOf(spec.owner()).maxActiveJobs();
        if (maxActive != null) {
            long active = table.all().stream().filter(j -> j.spec().owner().equals(spec.owner())
                    && !j.rec.state().terminal() && j.rec.checkRun() == null).count();
            if (active >= maxActive) {
                return new Refusal(JobRejectReason.QUOTA_EXCEEDED, "owner " + spec.owner() + " has " + active
                        + " unfinished jobs; quota " + maxActive);
            }
        }
        String full = ctx.resultsBound.refusal(now);
        return full == null ? null : new Refusal(JobRejectReason.STORAGE_FULL, full);
    }
}
