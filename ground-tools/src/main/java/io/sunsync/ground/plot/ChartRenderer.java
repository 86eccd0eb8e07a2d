package io.sunsync.ground.plot;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.telemetry.JsonPaths;
import io.sunsync.ground.telemetry.Limits;
import io.sunsync.ground.telemetry.PointCatalog;
import io.sunsync.ground.telemetry.PointSpec;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Renders archived housekeeping as a PNG chart with JFreeChart, headless: one panel per unit
 * (power in kW, state of charge in %, temperatures in °C, …) over a shared mission-time axis
 * (UTC), limit lines from the point catalogue, and long series thinned to each pixel column's
 * minimum and maximum so a short spike still shows. Stateless; thread safe.
 */
public final class ChartRenderer {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final Color WARN = new Color(0xd4a017);
    private static final Color ALARM = new Color(0xc00000);

    private ChartRenderer() {
    }

    /**
     * Summary of one plotted point.
     *
     * @param path    the point
     * @param unit    the unit plotted (W is plotted as kW)
     * @param samples samples with a valid value
     * @param min     smallest value, in the plotted unit
     * @param max     largest value, in the plotted unit
     * @param last    last value, in the plotted unit
     */
    public record SeriesSummary(String path, String unit, int samples, double min, double max, double last) {
    }

    /**
     * Draws {@code spec} from {@code records} into {@code out} ({@code widthPx} × {@code heightPx}).
     *
     * @return a summary per point
     */
    public static List<SeriesSummary> render(ChartSpec spec, List<ArchiveRecord> records, PointCatalog catalog,
                                             Path out, int widthPx, int heightPx) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (widthPx < 200 || heightPx < 150 || widthPx > 10_000 || heightPx > 10_000) {
            throw new IllegalArgumentException("size must be 200..10000 x 150..10000 px, was " + widthPx + "x" + heightPx);
        }
        Map<String, List<String>> byUnit = new LinkedHashMap<>();
        for (String p : spec.points()) {
            byUnit.computeIfAbsent(plottedUnit(catalog.spec(p).unit()), k -> new ArrayList<>()).add(p);
        }
        DateAxis time = new DateAxis("mission time (UTC)");
        SimpleDateFormat fmt = new SimpleDateFormat("MM-dd HH:mm", Locale.ROOT);
        fmt.setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setDateFormatOverride(fmt);
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
        combined.setGap(12);
        List<SeriesSummary> summaries = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, List<String>> panel : byUnit.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
            XYPlot plot = new XYPlot(data, null, axis(panel.getKey()), renderer);
            for (String path : panel.getValue()) {
                PointSpec ps = catalog.spec(path);
                double scale = ps.unit().equals("W") ? 1e-3 : 1;
                XYSeries s = series(path, records, scale, widthPx);
                data.addSeries(s);
                int i = data.getSeriesCount() - 1;
                renderer.setSeriesPaint(i, PALETTE[colour++ % PALETTE.length]);
                renderer.setSeriesStroke(i, new BasicStroke(1.6f));
                summaries.add(summary(path, panel.getKey(), records, scale));
                limitLines(plot, path, ps.limits(), scale);
            }
            includeNearbyLimits(plot, data, panel.getValue(), catalog);
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(0xdddddd));
            plot.setRangeGridlinePaint(new Color(0xdddddd));
            combined.add(plot, 1);
        }
        JFreeChart chart = new JFreeChart(spec.title(), new Font(Font.SANS_SERIF, Font.BOLD, 16), combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(out.toFile(), chart, widthPx, heightPx);
        return summaries;
    }

    private static String plottedUnit(String unit) {
        return unit.equals("W") ? "kW" : unit;
    }

    private static NumberAxis axis(String unit) {
        NumberAxis a = new NumberAxis(unit.isEmpty() ? "value" : unit);
        a.setAutoRangeIncludesZero(false);
        return a;
    }

    /**
     * The series of {@code path} (x: mission time in epoch ms, y: value × {@code scale}), thinned
     * to the min and max of each pixel column when it has many more samples than pixels.
     */
    public static XYSeries series(String path, List<ArchiveRecord> records, double scale, int widthPx) {
        XYSeries s = new XYSeries(path, true, true);
        double[] t = new double[records.size()];
        double[] v = new double[records.size()];
        for (int i = 0; i < t.length; i++) {
            ArchiveRecord r = records.get(i);
            t[i] = r.when().toEpochMilli();
            v[i] = JsonPaths.number(JsonPaths.at(r.msg(), path)) * scale;
        }
        for (int i : MinMaxThinning.keep(t, v, widthPx)) {
            s.add(t[i], v[i], false);
        }
        s.fireSeriesChanged();
        return s;
    }

    private static SeriesSummary summary(String path, String unit, List<ArchiveRecord> records, double scale) {
        int n = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        double last = Double.NaN;
        for (ArchiveRecord r : records) {
            JsonNode node = JsonPaths.at(r.msg(), path);
            double v = JsonPaths.number(node) * scale;
            if (Double.isFinite(v)) {
                n++;
                min = Double.isNaN(min) ? v : Math.min(min, v);
                max = Double.isNaN(max) ? v : Math.max(max, v);
                last = v;
            }
        }
        return new SeriesSummary(path, unit, n, min, max, last);
    }

    /**
     * Widens the panel's value axis to show limits lying near the data (within 40 % of its span),
     * so the margin to a limit is visible; far-off limits do not squash the data.
     */
    private static void includeNearbyLimits(XYPlot plot, XYSeriesCollection data, List<String> paths,
                                            PointCatalog catalog) {
        if (data.getSeriesCount() == 0 || data.getItemCount(0) == 0) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.getSeriesCount(); i++) {
            if (data.getSeries(i).getItemCount() > 0) {
                lo = Math.min(lo, data.getSeries(i).getMinY());
                hi = Math.max(hi, data.getSeries(i).getMaxY());
            }
        }
        if (!Double.isFinite(lo)) {
            return;
        }
        double reach = Math.max(hi - lo, 1e-9) * 0.4;
        double newLo = lo;
        double newHi = hi;
        for (String p : paths) {
            PointSpec ps = catalog.spec(p);
            double scale = ps.unit().equals("W") ? 1e-3 : 1;
            Limits l = ps.limits();
            for (Double v : new Double[] {l.alarmLow(), l.warnLow(), l.warnHigh(), l.alarmHigh()}) {
                if (v != null && v * scale >= lo - reach && v * scale <= hi + reach) {
                    newLo = Math.min(newLo, v * scale);
                    newHi = Math.max(newHi, v * scale);
                }
            }
        }
        if (newLo < lo || newHi > hi) {
            double pad = (newHi - newLo) * 0.05;
            plot.getRangeAxis().setRange(newLo - pad, newHi + pad);
        }
    }

    private static void limitLines(XYPlot plot, String path, Limits l, double scale) {
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        line(plot, l.alarmLow(), scale, ALARM, leaf + " alarm");
        line(plot, l.warnLow(), scale, WARN, leaf + " warn");
        line(plot, l.warnHigh(), scale, WARN, leaf + " warn");
        line(plot, l.alarmHigh(), scale, ALARM, leaf + " alarm");
    }

    /** A dashed limit line; lines of equal value share one marker and one label. */
    private static void line(XYPlot plot, Double v, double scale, Color c, String label) {
        if (v == null) {
            return;
        }
        double value = v * scale;
        String text = label + " " + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
        for (Object o : plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND) == null ? List.of()
                : plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND)) {
            if (o instanceof ValueMarker vm && vm.getValue() == value) {
                vm.setLabel(vm.getLabel() + ", " + label.substring(0, label.indexOf(' ')));
                return;
            }
        }
        int n = plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND) == null ? 0
                : plot.getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND).size();
        ValueMarker m = new ValueMarker(value, c, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        m.setLabel(text);
        m.setLabelPaint(c);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        m.setLabelBackgroundColor(new Color(255, 255, 255, 200));
        // Alternate sides so close lines keep readable labels.
        boolean right = n % 2 == 1;
        m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(right ? TextAnchor.BOTTOM_RIGHT : TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(m, org.jfree.chart.ui.Layer.FOREGROUND);
    }
}
