package io.sunsync.sim.fault;

import io.sunsync.hal.files.Sha256;
import io.sunsync.sim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Silent data corruption on the boards: which work item a board computes wrong, with no error
 * reported anywhere. Board {@code b} has a susceptibility {@code s_b}: log-normal across boards
 * with median 1 ({@link Scenario.SilentCorruption#spread()}), and the
 * {@link Scenario.SilentCorruption#weakBoards()} weak boards, drawn from the seed,
 * {@link Scenario.SilentCorruption#weakFactor()} times worse. A work item of {@code w} work units
 * computed on it comes out wrong with probability {@code 1 - exp(-perWorkUnit × s_b × w × F_b)},
 * where {@code F_b} is the radiation environment's upset factor (the South Atlantic Anomaly, the
 * polar horns, a solar particle event) averaged over the board's recent work: a work-weighted
 * moving average with a memory of about {@value #MEMORY_WORK_UNITS} work units, about one job,
 * so a job that crossed the anomaly is more likely wrong than one computed over the poles' gap.
 *
 * <p>The kernel is SHA-256 of the item's input; a wrong output has one bit flipped, so it differs
 * from the right one and from any other wrong one. Every corruption is kept as truth
 * ({@link #corruptions()}, the latest {@value #KEPT} of them, and counts per board) for benches to
 * grade what flight caught. Draws come from their own generator split from the seed, so they do
 * not move any other random process of the model. Confined to its {@code SimSatellite}'s lock.
 */
public final class CorruptionModel {
    /** Work over which a board's environment factor is averaged, in work units. */
    public static final double MEMORY_WORK_UNITS = 300;
    /** Corruptions kept as truth (the counts cover all). */
    public static final int KEPT = 100_000;

    /**
     * One wrong output.
     *
     * @param board  board index
     * @param tS     when, in s after the start
     * @param input  the item's input (as text)
     */
    public record Corruption(int board, double tS, String input) {
    }

    private final double perWorkUnit;
    private final double[] susceptibility;
    private final boolean[] weak;
    private final double[] factor;
    private final double[] lastWork;
    private final long[] corrupted;
    private final long[] computed;
    private final SplittableRandom rng;
    private final List<Corruption> truth = new ArrayList<>();

    /**
     * @param config the scenario's silent-corruption settings
     * @param boards number of boards
     * @param seed   the scenario's seed
     */
    public CorruptionModel(Scenario.SilentCorruption config, int boards, long seed) {
        this.perWorkUnit = config.perWorkUnit();
        SplittableRandom draw = new SplittableRandom(seed ^ 0x5DC0_5DC0_5DC0_5DC0L);
        this.susceptibility = new double[boards];
        this.weak = new boolean[boards];
        for (int i = 0; i < boards; i++) {
            susceptibility[i] = Math.exp(config.spread() * gaussian(draw));
        }
        int weakCount = Math.min(boards, config.weakBoards());
        for (int n = 0; n < weakCount; ) {
            int i = draw.nextInt(boards);
            if (!weak[i]) {
                weak[i] = true;
                susceptibility[i] *= config.weakFactor();
                n++;
            }
        }
        this.factor = new double[boards];
        java.util.Arrays.fill(factor, 1.0);
        this.lastWork = new double[boards];
        this.corrupted = new long[boards];
        this.computed = new long[boards];
        this.rng = draw.split();
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** True when the model can corrupt anything (a rate above zero). */
    public boolean active() {
        return perWorkUnit > 0;
    }

    /**
     * Folds the environment into each board's average, weighted by the work it did since the last
     * call.
     *
     * @param workUnits each board's cumulative work, in work units
     * @param envFactor the environment's upset factor now (1 outside every region)
     */
    public void accrue(double[] workUnits, double envFactor) {
        for (int i = 0; i < factor.length; i++) {
            double dw = workUnits[i] - lastWork[i];
            lastWork[i] = workUnits[i];
            if (dw > 0) {
                double a = Math.min(1.0, dw / MEMORY_WORK_UNITS);
                factor[i] += a * (envFactor - factor[i]);
            }
        }
    }

    /**
     * The output of one work item computed on {@code board}: SHA-256 of {@code input}, wrong (one
     * bit flipped) with the probability of the class comment.
     *
     * @param workUnits the work the item took, in work units
     * @param tS        now, in s after the start (for the truth record)
     */
    public byte[] compute(int board, byte[] input, double workUnits, double tS) {
        byte[] out = Sha256.digest(input);
        computed[board]++;
        double p = -Math.expm1(-perWorkUnit * susceptibility[board] * Math.max(0, workUnits) * factor[board]);
        if (rng.nextDouble() < p) {
            int bit = rng.nextInt(out.length * 8);
            out[bit / 8] ^= (byte) (1 << (bit % 8));
            corrupted[board]++;
            if (truth.size() < KEPT) {
                truth.add(new Corruption(board, tS, new String(input, java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** Boards drawn weak. */
    public List<Integer> weakBoards() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < weak.length; i++) {
            if (weak[i]) {
                out.add(i);
            }
        }
        return out;
    }

    /** Board {@code i}'s susceptibility (1 for the median board). */
    public double susceptibility(int i) {
        return susceptibility[i];
    }

    /** Wrong outputs board {@code i} computed so far. */
    public long corrupted(int i) {
        return corrupted[i];
    }

    /** Outputs board {@code i} computed so far. */
    public long computed(int i) {
        return computed[i];
    }

    /** The wrong outputs so far, oldest first (the first {@value #KEPT}). */
    public List<Corruption> corruptions() {
        return List.copyOf(truth);
    }
}
