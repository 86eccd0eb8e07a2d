package io.sunsync.ground.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The answer to an {@link HkQuery}: one row per housekeeping frame, in mission-time order.
 *
 * @param sat    satellite id
 * @param fields the points, in the order asked
 * @param rows   the frames
 */
public record HkTable(String sat, List<String> fields, List<Row> rows) {
    public HkTable {
        fields = List.copyOf(fields);
        rows = List.copyOf(rows);
    }

    /**
     * One frame's values.
     *
     * @param t      mission time of the frame
     * @param seq    the frame's number ({@code seq} in the frame)
     * @param values one value per field, as in the frame (numbers, text, booleans; a missing
     *               node where the frame does not have the point, JSON null where it is null)
     */
    public record Row(Instant t, long seq, List<JsonNode> values) {
        public Row {
            values = List.copyOf(values);
        }
    }

    /** The column of {@code field} as numbers ({@link io.sunsync.ground.telemetry.JsonPaths#number}: NaN where not a number). */
    public double[] numbers(String field) {
        int i = fields.indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException("no field " + field + " in this table (" + fields + ")");
        }
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = io.sunsync.ground.telemetry.JsonPaths.number(rows.get(r).values().get(i));
        }
        return out;
    }
}
