package io.sunsync.flight.cmd.builtin;

import io.sunsync.flight.cmd.ArgSpec;
import io.sunsync.flight.cmd.CommandSpec;
import io.sunsync.flight.cmd.Outcome;
import io.sunsync.flight.link.outbox.Priority;
import io.sunsync.flight.link.outbox.StreamRouting;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Downlink priorities: which outbox stream drains first ({@code downlink.priority}), over the
 * outbox's {@link StreamRouting} (thread safe; a change applies to messages queued afterwards).
 */
public final class DownlinkCommands {
    private DownlinkCommands() {
    }

    /** {@code downlink.priority} and {@code downlink.priorities}. */
    public static List<CommandSpec> all(StreamRouting routing) {
        return List.of(
                CommandSpec.builder("downlink.priority")
                        .description("Sets a downlink stream's drain priority (e.g. results, tm/hk), or restores its default")
                        .arg(new ArgSpec("stream", "string", "stream: the topic below sunsync/{sat}/, or results", true, null,
                                null, "", List.of(), Map.of("pattern", "^[a-z0-9][a-z0-9/_-]{0,63}$")))
                        .arg(ArgSpec.oneOf("priority", "new priority, or DEFAULT to restore the stream's default",
                                List.of("HIGH", "NORMAL", "LOW", "DEFAULT")))
                        .handler(inv -> {
                            String stream = inv.text("stream");
                            if (inv.text("priority").equals("DEFAULT")) {
                                routing.clearPriority(stream);
                            } else {
                                routing.setPriority(stream, Priority.valueOf(inv.text("priority")));
                            }
                            return Outcome.completed(Map.of("stream", stream, "priority", routing.priorityOf(stream).name()));
                        }).build(),
                CommandSpec.builder("downlink.priorities")
                        .description("Lists the priorities set by command (other streams have their defaults)")
                        .handler(inv -> Outcome.completed(Map.of("overrides", routing.overrides(),
                                "levels", Arrays.stream(Priority.values()).map(Enum::name).toList()))).build());
    }
}
