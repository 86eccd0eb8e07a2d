package io.sunsync.ground.console.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.sunsync.ground.console.live.RecentFrames;
import io.sunsync.ground.plot.MinMaxThinning;
import io.sunsync.ground.store.ArchiveHistory;
import io.sunsync.ground.store.HkQuery;
import io.sunsync.ground.store.HkTable;
import io.sunsync.ground.store.StoreException;
import io.sunsync.ground.store.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A satellite's chart points over a range of mission time, read from the archive through its
 * store interface ({@link ArchiveHistory}: SQLite or PostgreSQL behind it), thinned to the lowest
 * and highest sample of each of {@value #BUCKETS} slices per point, as the columns the charts
 * draw: {@code {"t": [epoch s…], "series": {path: [v…]}, "rows", "from", "to"}}. The range is
 * {@code from}..{@code to} (ISO-8601), or the last {@code spanS} seconds up to the satellite's
 * newest archived frame. Thread safe.
 */
final class HistoryRoute {
    static final int BUCKETS = 600;
    private static final int MAX_ROWS = 500_000;
    private final ArchiveHistory history;
    private final RecentFrames recent;

    HistoryRoute(ArchiveHistory history, RecentFrames recent) {
        this.history = history;
        this.recent = recent;
    }

    void register(RoutesConfig r) {
        r.get("/api/sats/{sat}/history", this::history);
    }

    private void history(Context ctx) throws StoreException {
        String sat = Api.sat(ctx);
        if (history == null) {
            throw new ApiError(404, "NO_ARCHIVE", "this console has no archive to read history from: start it with "
                    + "--db URL (and --record, or an archive recorder writing there)");
        }
        TimeRange range;
        try {
            String from = ctx.queryParam("from");
            String to = ctx.queryParam("to");
            if (from != null && !from.isBlank()) {
                range = TimeRange.of(Instant.parse(from.trim()), to == null || to.isBlank() ? null : Instant.parse(to.trim()));
            } else {
                long spanS = Api.intParam(ctx, "spanS", 3600, 1, 90 * 86_400);
                Optional<Instant> newest = history.newest(sat, "hk");
                if (newest.isEmpty()) {
                    throw new ApiError(404, "NO_HISTORY", "the archive holds no housekeeping of " + sat);
                }
                range = TimeRange.of(newest.get().minus(Duration.ofSeconds(spanS)), newest.get());
            }
        } catch (DateTimeParseException e) {
            throw new ApiError(400, "BAD_PARAMETER", "from and to are ISO-8601 instants, e.g. 2027-06-21T00:00:00Z");
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "BAD_PARAMETER", e.getMessage());
        }
        HkTable table = history.housekeeping(new HkQuery(sat, range, recent.points(), MAX_ROWS));
        double[] t = new double[table.rows().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = table.rows().get(i).t().toEpochMilli() / 1000.0;
        }
        TreeSet<Integer> keep = new TreeSet<>();
        double[][] cols = new double[table.fields().size()][];
        for (int f = 0; f < cols.length; f++) {
            cols[f] = table.numbers(table.fields().get(f));
            for (int i : MinMaxThinning.keep(t, cols[f], BUCKETS)) {
                keep.add(i);
            }
        }
        ObjectNode out = Api.JSON.createObjectNode();
        out.put("rows", t.length);
        out.put("from", range.from() == null ? null : range.from().toString());
        out.put("to", range.to() == null ? null : range.to().toString());
        ArrayNode ts = out.putArray("t");
        keep.forEach(i -> ts.add(t[i]));
        ObjectNode series = out.putObject("series");
        for (int f = 0; f < cols.length; f++) {
            ArrayNode col = series.putArray(table.fields().get(f));
            for (int i : keep) {
                if (Double.isFinite(cols[f][i])) {
                    col.add(cols[f][i]);
                } else {
                    col.addNull();
                }
            }
        }
        Api.json(ctx, out);
    }
}
