package io.sunsync.hal.accel;

import io.sunsync.hal.CommandResult;
import java.util.List;

/**
 * Boards of one backend that the device can drive to their safe state together, in one device
 * operation: every GPU of an {@code nvidia-smi} backend with one {@code nvidia-smi -i 0,1,… -pl W}
 * process instead of one process per GPU. An optional capability, as Pi4J's providers offer what
 * their hardware can do: a board offers its group through {@link AcceleratorBoard#safeStateGroup()};
 * a backend whose device has no such operation offers none (NVML sets one GPU's limit per call, and
 * its calls to different GPUs already run at once), and its boards are driven one by one with
 * {@link AcceleratorBoard#applySafeState()}.
 *
 * <p>Each board ends as its own {@code applySafeState()} would leave it (disabled, verified by
 * reading back) and its result says so; a board the group operation did not bring there is a
 * failure carrying its fault, or is tried alone first where the implementation says so. Never
 * throws.
 *
 * <p>Threading: may be called from any thread. While it runs the caller gives no other command to
 * any of the boards passed (flight's actuator holds their lanes); reads of them may run at the same
 * time and wait for it where the device needs. Commands to the backend's other boards may be given
 * meanwhile; the implementation orders them with the group operation as the device requires.
 */
public interface SafeStateGroup {

    /**
     * Drives {@code boards} to their safe state in as few device operations as the device allows.
     *
     * @param boards boards that offer this group ({@link AcceleratorBoard#safeStateGroup()}), each once;
     *               a board of another group is refused in its result
     * @return one result per board, in the order given
     */
    List<CommandResult> applySafeState(List<? extends AcceleratorBoard> boards);
}
