package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;
import io.sunsync.hal.FaultCode;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.sysfs.ExternalCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The GPUs of one {@code nvidia-smi} backend driven to their safe state (their lowest power limit,
 * reported {@link BoardState#DISABLED}) together: one {@code nvidia-smi -i 3,0,1,… -pl W} run for all
 * the GPUs whose lowest limit is W (the man page: {@code -i} names the target GPUs, and the device
 * modification options act on every GPU listed; {@code -pl} takes one value, so GPUs with different
 * lowest limits need one run each: on a satellite of one GPU model, one run), then one
 * {@code --query-gpu} run that reads every GPU's {@code power.limit} back. Against one run and one
 * query per GPU (61 ms each on an H200, one at a time), 96 GPUs are shed in two runs instead of 192.
 *
 * <p>GPUs are named by the index the latest good query gives their UUID, so an index change between
 * boots cannot swap them. The tool may stop at the first GPU it cannot set ("Terminating early due to
 * previous errors.") and leave the rest of the list as they were: a GPU that does not read back at its
 * lowest limit (or that the query did not list) is tried alone with the board's ordinary command
 * ({@code -i UUID -pl W} and its query), so one bad GPU cannot keep the others up; if that fails too,
 * its result is the failure, naming what the group run said. GPUs already held disabled are answered
 * at once, as their own {@code setEnabled(false)} would be. Each run is bounded by the tool's
 * {@code timeoutS}. Never throws.
 *
 * <p>Threading: holds the boards' locks (in index order, as the boards' own commands take theirs
 * before the tool's) and then the tool, ahead of the ordinary runs waiting for it
 * ({@link NvidiaSmi#safing}): it waits at most for the run in progress.
 */
final class NvidiaSmiSafeStateGroup implements SafeStateGroup {
    private final NvidiaSmi smi;

    NvidiaSmiSafeStateGroup(NvidiaSmi smi) {
        this.smi = smi;
    }

    @Override
    public List<CommandResult> applySafeState(List<? extends AcceleratorBoard> boards) {
        CommandResult[] out = new CommandResult[boards.size()];
        List<NvidiaSmiAcceleratorBoard> members = new ArrayList<>(boards.size());
        List<Integer> at = new ArrayList<>(boards.size());
        for (int i = 0; i < boards.size(); i++) {
            AcceleratorBoard b = boards.get(i);
            if (b instanceof NvidiaSmiAcceleratorBoard g && g.tool() == smi && !members.contains(g)) {
                members.add(g);
                at.add(i);
            } else {
                out[i] = CommandResult.failure(new HalFault(FaultCode.COMMAND_REJECTED, b.spec().id(), "applySafeState",
                        "not a GPU of this nvidia-smi backend (or listed twice)", smi.time().now()));
            }
        }
        List<NvidiaSmiAcceleratorBoard> ordered = new ArrayList<>(members);
        ordered.sort(Comparator.comparingInt(b -> b.spec().index()));
        List<CommandResult> results = holding(ordered, 0, () -> smi.safing(() -> shed(members)));
        for (int k = 0; k < members.size(); k++) {
            out[at.get(k)] = results.get(k);
        }
        return List.of(out);
    }

    /** Runs {@code body} holding the locks of {@code boards} from {@code from} on, in their order. */
    private static <T> T holding(List<NvidiaSmiAcceleratorBoard> boards, int from, Supplier<T> body) {
        if (from == boards.size()) {
            return body.get();
        }
        synchronized (boards.get(from)) {
            return holding(boards, from + 1, body);
        }
    }

    /** The group runs and their check, holding every member's lock and the tool. */
    private List<CommandResult> shed(List<NvidiaSmiAcceleratorBoard> members) {
        Instant now = smi.time().now();
        CommandResult[] out = new CommandResult[members.size()];
        Optional<NvidiaSmi.Snapshot> names = smi.lastGood();
        Map<String, List<Integer>> byLimit = new TreeMap<>(); // "%.2f" W -> positions in members
        for (int k = 0; k < members.size(); k++) {
            NvidiaSmiAcceleratorBoard b = members.get(k);
            if (b.heldDisabled()) {
                out[k] = CommandResult.success(); // as its own setEnabled(false): nothing to do
            } else if (names.flatMap(b::indexIn).isPresent()) {
                byLimit.computeIfAbsent(String.format(Locale.ROOT, "%.2f", b.spec().minCapW()), w -> new ArrayList<>()).add(k);
            } // else: not named by a query yet: tried alone below
        }
        List<String> said = new ArrayList<>();
        for (List<Integer> ks : byLimit.values()) {
            List<Integer> indices = new ArrayList<>(ks.size());
            for (int k : ks) {
                indices.add(names.flatMap(members.get(k)::indexIn).orElseThrow());
            }
            double w = members.get(ks.get(0)).spec().minCapW();
            ExternalCommand.Outcome run = smi.setPowerLimits(indices, w);
            if (!run.ok()) {
                said.add(String.format(Locale.ROOT, "nvidia-smi -i %s -pl %.2f: %s", NvidiaSmi.idList(indices), w,
                        NvidiaSmiAcceleratorBoard.describe(run)));
            }
        }
        NvidiaSmi.Snapshot check = byLimit.isEmpty() ? null : smi.query();
        for (int k = 0; k < members.size(); k++) {
            if (out[k] != null) {
                continue;
            }
            NvidiaSmiAcceleratorBoard b = members.get(k);
            if (check != null && b.verify(check, b.spec().minCapW(), now).ok()) {
                b.disabledByGroup();
                out[k] = CommandResult.success();
                continue;
            }
            CommandResult alone = b.setEnabled(false); // the board's own command (its lock and the tool are held here)
            out[k] = alone.ok() || said.isEmpty() ? alone : CommandResult.failure(new HalFault(alone.fault().code(),
                    b.spec().id(), "applySafeState", "not set by the group run (" + String.join("; ", said)
                    + "); alone: " + alone.fault().detail(), alone.fault().at()));
        }
        return List.of(out);
    }
}
