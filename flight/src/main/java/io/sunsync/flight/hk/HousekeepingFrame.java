package io.sunsync.flight.hk;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One housekeeping telemetry frame, as published on {@code sunsync/{sat}/tm/hk} (schema in
 * {@code docs/icd/}).
 *
 * @param sat     satellite id
 * @param seq     frame sequence number, from 0 at flight start
 * @param t       mission time of the frame
 * @param mode    flight mode
 * @param power   power system summary
 * @param thermal thermal summary
 * @param boards  accelerator summary
 * @param link    link counters
 * @param rates   rate group counters
 * @param sections further sections contributed by components (e.g. {@code control}, {@code jobs},
 *                {@code commands}), serialised as top-level fields
 */
@JsonPropertyOrder({"sat", "seq", "t", "mode", "power", "thermal", "boards", "link", "rates"})
public record HousekeepingFrame(String sat, long seq, Instant t, String mode, Power power, Thermal thermal,
                                Boards boards, Link link, List<Rate> rates,
                                @JsonAnyGetter Map<String, Object> sections) {

    /** Power, in W, V, Wh and %. */
    public record Power(double arrayAvailableW, double arrayW, double busV, double loadW, double batteryW,
                        double batteryWh, double socPct, boolean sunlit, String quality) {
    }

    /** Thermal: hottest zone in °C and the number of pumps running. */
    public record Thermal(double maxZoneC, String hottestZone, int pumpsOn, String quality) {
    }

    /**
     * Accelerators: how many are enabled, total draw and cap in W, hottest die in °C, work done,
     * and each board's cap.
     *
     * @param capsW each board's power cap in board order, in W rounded to the watt; 0 for a board
     *              that is not enabled (switched off, hung, failed); null to leave it out
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Boards(int count, int enabled, double powerW, double capW, double maxTempC, double workUnits,
                         int[] capsW) {
        /** The summary without the per-board caps. */
        public Boards(int count, int enabled, double powerW, double capW, double maxTempC, double workUnits) {
            this(count, enabled, powerW, capW, maxTempC, workUnits, null);
        }
    }

    /**
     * Link counters.
     *
     * @param connected       connected to the broker
     * @param queued          messages in the outbox waiting for the broker's acknowledgement
     * @param sent            messages acknowledged since flight started
     * @param dropped         messages the outbox gave up on, all streams, cumulative across restarts
     * @param outboxBytes     disk used by the outbox, in bytes
     * @param droppedByStream {@code dropped} by stream (streams with drops only)
     * @param inboundReceived messages received from the broker since flight started
     * @param inboundDropped  of those, dropped unhandled because the inbound queue was full
     */
    public record Link(boolean connected, int queued, long sent, long dropped, long outboxBytes,
                       java.util.Map<String, Long> droppedByStream, long inboundReceived, long inboundDropped) {
        public Link {
            droppedByStream = droppedByStream == null ? java.util.Map.of()
                    : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(droppedByStream));
        }

        /** Counters without the inbound ones. */
        public Link(boolean connected, int queued, long sent, long dropped, long outboxBytes,
                    java.util.Map<String, Long> droppedByStream) {
            this(connected, queued, sent, dropped, outboxBytes, droppedByStream, 0, 0);
        }

        /** Counters without the outbox details. */
        public Link(boolean connected, int queued, long sent, long dropped) {
            this(connected, queued, sent, dropped, 0, java.util.Map.of());
        }
    }

    /** One rate group's counters. */
    public record Rate(String name, long cycles, long overruns, long failures) {
    }
}
