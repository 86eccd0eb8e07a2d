package io.sunsync.ground.mission;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.ground.archive.ArchiveRecord;
import io.sunsync.ground.plot.ChartRenderer;
import io.sunsync.sim.truth.TruthSample;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The mission report's plots (PNG, JFreeChart): array power, budget and draw; state of charge
 * with its floor; temperatures with their limits; every board's cap over time; jobs by state.
 * Housekeeping (what the ground received) is drawn with {@link ChartRenderer#series}; the
 * truth log adds what the sensors cannot show (power available, coolant loops) and the static
 * baseline's draw. Stateless.
 */
public final class MissionCharts {
    static final int WIDTH = 1100;
    static final int HEIGHT = 420;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0x17becf), new Color(0x7f7f7f)};
    private static final Color LIMIT = new Color(0xc00000);
    /** The energy balance plot's file. */
    static final String ENERGY_BALANCE = "energy-balance.png";

    private MissionCharts() {
    }

    /** One plot written: its file name (beside the report) and what it shows. */
    public record Chart(String file, String caption) {
    }

    /** Writes every plot of {@code d} into {@code dir}. */
    public static List<Chart> write(MissionData d, MissionFigures f, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Chart> out = new ArrayList<>();
        out.add(power(d, dir.resolve("power.png")));
        out.add(soc(d, f, dir.resolve("soc.png")));
        out.add(temperatures(d, f, dir.resolve("temperatures.png")));
        out.add(caps(d, dir.resolve("caps.png")));
        out.add(jobs(d, dir.resolve("jobs.png")));
        if (!f.economy().controllers().isEmpty()) {
            out.add(energyBalance(f, dir.resolve(ENERGY_BALANCE)));
        }
        return out;
    }

    /** Where each controller's collected energy went, as shares of it: one stacked bar per controller. */
    private static Chart energyBalance(MissionFigures f, Path file) throws IOException {
        org.jfree.data.category.DefaultCategoryDataset data = new org.jfree.data.category.DefaultCategoryDataset();
        String[] names = {"to compute", "to housekeeping", "to heaters and pumps", "stored", "battery losses", "curtailed"};
        for (MissionFigures.ControllerEconomy c : f.economy().controllers()) {
            var b = c.balance();
            double[] kwh = {b.computeKWh(), b.housekeepingKWh(), b.heatersPumpsKWh(), b.storedKWh(), b.batteryLossKWh(),
                b.curtailedKWh()};
            String label = c.controller() + " (" + c.source() + ")";
            for (int i = 0; i < names.length; i++) {
                data.addValue(100 * kwh[i] / b.collectedKWh(), names[i], label);
            }
        }
        JFreeChart chart = org.jfree.chart.ChartFactory.createStackedBarChart("Energy balance: where the collected energy went",
                null, "% of the energy the arrays collected", data, org.jfree.chart.plot.PlotOrientation.HORIZONTAL, true,
                false, false);
        org.jfree.chart.plot.CategoryPlot p = chart.getCategoryPlot();
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(new Color(0xdddddd));
        var r = (org.jfree.chart.renderer.category.BarRenderer) p.getRenderer();
        r.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < names.length; i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font("SansSerif", Font.BOLD, 14));
        int height = Math.max(260, 90 + 48 * f.economy().controllers().size());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
        return new Chart(file.getFileName().toString(), "Energy balance of flight in this mission and of every controller "
                + "flown on its scenario: the shares of the collected energy that went to compute, housekeeping, heaters and "
                + "pumps, into the battery (its net change; left of zero when it ended lower), battery losses and curtailment.");
    }

    private static Chart power(MissionData d, Path file) throws IOException {
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(truth("array available (truth)", d.truth().samples(), "arrayAvailableW", 1e-3));
        c.addSeries(named("array delivered", ChartRenderer.series("power.arrayW", d.hk(), 1e-3, WIDTH)));
        c.addSeries(named("board budget (throttler)", ChartRenderer.series("control.budgetW", d.hk(), 1e-3, WIDTH)));
        c.addSeries(named("boards' draw", ChartRenderer.series("boards.powerW", d.hk(), 1e-3, WIDTH)));
        if (d.baseline() != null) {
            XYSeries b = new XYSeries("boards' draw, static baseline", true, true);
            for (TruthSample s : d.baseline().truth().samples()) {
                b.add(s.t().toEpochMilli(), s.boardsW() / 1000, false);
            }
            c.addSeries(b);
        }
        XYPlot p = lines("kW", c, null);
        // the budget is drawn dashed: where the boards draw all of it, both lines show
        p.getRenderer().setSeriesStroke(2, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f));
        save("Array power, board budget and draw", p, file);
        return new Chart(file.getFileName().toString(), "Array power available and delivered, the throttler's budget for "
                + "the boards and what they drew (kW); the static baseline's draw for comparison.");
    }

    private static Chart soc(MissionData d, MissionFigures f, Path file) throws IOException {
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(named("state of charge (housekeeping)", ChartRenderer.series("power.socPct", d.hk(), 1, WIDTH)));
        c.addSeries(truth("state of charge (truth)", d.truth().samples(), "batterySocPct", 1));
        XYPlot p = lines("%", c, null);
        marker(p, f.limits().floorPct(), "floor " + num(f.limits().floorPct()) + " %");
        save("Battery state of charge", p, file);
        return new Chart(file.getFileName().toString(), "Battery state of charge (%) with its depth-of-discharge floor.");
    }

    private static Chart temperatures(MissionData d, MissionFigures f, Path file) throws IOException {
        XYSeriesCollection c = new XYSeriesCollection();
        c.addSeries(named("hottest board", ChartRenderer.series("boards.maxTempC", d.hk(), 1, WIDTH)));
        c.addSeries(named("hottest zone", ChartRenderer.series("thermal.maxZoneC", d.hk(), 1, WIDTH)));
        c.addSeries(truth("warmest coolant loop (truth)", d.truth().samples(), "maxLoopC", 1));
        c.addSeries(truth("coldest coolant loop (truth)", d.truth().samples(), "minLoopC", 1));
        XYPlot p = lines("°C", c, null);
        marker(p, f.limits().slowdownC(), "board slowdown " + num(f.limits().slowdownC()) + " °C");
        marker(p, f.limits().loopMaxC(), "loop max " + num(f.limits().loopMaxC()) + " °C");
        marker(p, f.limits().loopMinC(), "loop min " + num(f.limits().loopMinC()) + " °C");
        save("Temperatures", p, file);
        return new Chart(file.getFileName().toString(), "Hottest board and zone (housekeeping), coolant loops (truth), "
                + "with the limits.");
    }

    /** Every board's cap over time, as a heat map (x: time, y: board, colour: cap). */
    private static Chart caps(MissionData d, Path file) throws IOException {
        List<ArchiveRecord> hk = d.hk();
        int columns = Math.min(WIDTH / 2, Math.max(1, hk.size()));
        int boards = d.plan().boards();
        double max = d.plan().scenario().boards().maxCapW();
        List<double[]> cells = new ArrayList<>();
        double widthMs = 1;
        if (!hk.isEmpty()) {
            long t0 = hk.get(0).when().toEpochMilli();
            long t1 = hk.get(hk.size() - 1).when().toEpochMilli();
            widthMs = Math.max(1, (t1 - t0) / (double) columns);
            int lastColumn = -1;
            for (ArchiveRecord r : hk) {
                int col = (int) Math.min(columns - 1, (r.when().toEpochMilli() - t0) / widthMs);
                if (col == lastColumn) {
                    continue;
                }
                lastColumn = col;
                JsonNode caps = r.msg().path("boards").path("capsW");
                for (int b = 0; b < Math.min(boards, caps.size()); b++) {
                    cells.add(new double[] {t0 + col * widthMs + widthMs / 2, b, caps.get(b).asDouble()});
                }
            }
        }
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int k = 0; k < 3; k++) {
                xyz[k][i] = cells.get(i)[k];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("caps", xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setBlockWidth(widthMs);
        r.setBlockHeight(1);
        LookupPaintScale scale = new LookupPaintScale(0, Math.max(1, max) + 1, Color.WHITE);
        scale.add(0, new Color(0x303030));
        int steps = 10;
        for (int i = 1; i <= steps; i++) {
            double lo = Math.max(1, max * (i - 1) / steps);
            float h = (float) (0.66 - 0.66 * i / steps);
            scale.add(lo, Color.getHSBColor(h, 0.85f, 0.9f));
        }
        r.setPaintScale(scale);
        NumberAxis y = new NumberAxis("board");
        y.setRange(-0.5, boards - 0.5);
        XYPlot p = new XYPlot(data, timeAxis(), y, r);
        p.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart("Each board's power cap (W)", new Font(Font.SANS_SERIF, Font.BOLD, 16), p, false);
        NumberAxis legendAxis = new NumberAxis("cap, W (dark grey: off)");
        legendAxis.setRange(0, Math.max(1, max));
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT + 80);
        return new Chart(file.getFileName().toString(), "Each board's power cap over time (housekeeping "
                + "`boards.capsW`): the throttler's allocation, the operator's ceiling, boards out of service.");
    }

    private static Chart jobs(MissionData d, Path file) throws IOException {
        XYSeriesCollection c = new XYSeriesCollection();
        for (JobBook.Phase ph : List.of(JobBook.Phase.RUNNING, JobBook.Phase.QUEUED, JobBook.Phase.SUSPENDED,
                JobBook.Phase.SUCCEEDED, JobBook.Phase.FAILED)) {
            XYSeries s = new XYSeries(ph.name().toLowerCase(Locale.ROOT), true, true);
            List<JobBook.Count> timeline = d.jobs().timeline();
            for (JobBook.Count n : timeline) {
                s.addOrUpdate((double) n.t().toEpochMilli(), (double) n.counts().getOrDefault(ph, 0));
            }
            if (!timeline.isEmpty()) {
                s.addOrUpdate((double) d.plan().end().toEpochMilli(), (double) timeline.get(timeline.size() - 1).counts().getOrDefault(ph, 0));
            }
            c.addSeries(s);
        }
        save("Jobs by state", lines("jobs", c, new XYStepRenderer()), file);
        return new Chart(file.getFileName().toString(), "Jobs by state over time, from the job runner's events "
                + "(succeeded and failed are cumulative).");
    }

    // ---------------------------------------------------------------------------------------------

    private static XYSeries named(String name, XYSeries s) {
        s.setKey(name);
        return s;
    }

    /** A series of the truth log's samples: {@code field} × {@code scale} against mission time. */
    static XYSeries truth(String name, List<JsonNode> samples, String field, double scale) {
        XYSeries s = new XYSeries(name, true, true);
        for (JsonNode n : samples) {
            Instant t = time(n.path("t"));
            double v = n.path(field).asDouble(Double.NaN);
            if (t != null && Double.isFinite(v)) {
                s.add(t.toEpochMilli(), v * scale, false);
            }
        }
        s.fireSeriesChanged();
        return s;
    }

    /** A truth-log time: ISO text, or epoch seconds as Jackson writes an Instant without its time module. */
    static Instant time(JsonNode t) {
        if (t.isTextual()) {
            return Instant.parse(t.asText());
        }
        if (t.isNumber()) {
            BigDecimal s = t.decimalValue();
            return Instant.ofEpochSecond(s.longValue(), s.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return null;
    }

    private static DateAxis timeAxis() {
        DateAxis time = new DateAxis("mission time (UTC)");
        SimpleDateFormat fmt = new SimpleDateFormat("MM-dd HH:mm", Locale.ROOT);
        fmt.setTimeZone(TimeZone.getTimeZone("UTC"));
        time.setDateFormatOverride(fmt);
        time.setTimeZone(TimeZone.getTimeZone("UTC"));
        return time;
    }

    private static XYPlot lines(String unit, XYSeriesCollection c, XYLineAndShapeRenderer renderer) {
        XYLineAndShapeRenderer r = renderer == null ? new XYLineAndShapeRenderer(true, false) : renderer;
        for (int i = 0; i < c.getSeriesCount(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesStroke(i, new BasicStroke(1.4f));
        }
        NumberAxis y = new NumberAxis(unit);
        y.setAutoRangeIncludesZero(false);
        XYPlot p = new XYPlot(c, timeAxis(), y, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        p.setNoDataMessage("no data");
        return p;
    }

    private static void marker(XYPlot p, double value, String label) {
        if (!Double.isFinite(value)) {
            return;
        }
        ValueMarker m = new ValueMarker(value, LIMIT, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
        p.addRangeMarker(m);
        // keep the limit in view
        NumberAxis y = (NumberAxis) p.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        org.jfree.data.Range r = y.isAutoRange() ? p.getDataRange(y) : y.getRange();
        if (r != null) {
            double lo = Math.min(r.getLowerBound(), value);
            double hi = Math.max(r.getUpperBound(), value);
            double pad = y.isAutoRange() ? 0.05 * Math.max(1e-9, hi - lo) : 0;
            y.setRange(lo - pad, hi + pad);
        }
    }

    private static void save(String title, XYPlot p, Path file) throws IOException {
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), p, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
