package io.sunsync.sim.cli;

import io.sunsync.sim.economy.DesignSearch;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The design search's frontier as a PNG (JFreeChart): every design that can fly as a point of its
 * mass and its achieved work per year, the reference and the chosen design marked, and the line
 * from the origin through the chosen one: every design under it does less work per kg. Stateless.
 */
final class FrontierChart {
    private FrontierChart() {
    }

    /** Draws {@code r} into {@code file} (900 × 600). */
    static void write(DesignSearch.Result r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries explored = new XYSeries("designs explored (coarse year)", false, true);
        XYSeries reference = new XYSeries("reference design", false, true);
        XYSeries chosen = new XYSeries("chosen design", false, true);
        double maxX = 0;
        double maxY = 0;
        for (DesignSearch.Candidate c : r.explored()) {
            if (c.feasible()) {
                explored.add(c.massKg() / 1000, c.achievedWorkPerYear() / 1e9);
                maxX = Math.max(maxX, c.massKg() / 1000);
                maxY = Math.max(maxY, c.achievedWorkPerYear() / 1e9);
            }
        }
        reference.add(r.reference().massKg() / 1000, r.reference().achievedWorkPerYear() / 1e9);
        chosen.add(r.best().massKg() / 1000, r.best().achievedWorkPerYear() / 1e9);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(explored);
        data.addSeries(reference);
        data.addSeries(chosen);
        NumberAxis x = new NumberAxis("satellite mass (t)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("achieved work per year (10^9 work units)");
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0x7f7f7f));
        renderer.setSeriesPaint(2, new Color(0xd62728));
        renderer.setSeriesShape(1, new java.awt.geom.Rectangle2D.Double(-5, -5, 10, 10));
        renderer.setSeriesShape(2, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        double bestX = r.best().massKg() / 1000;
        double bestY = r.best().achievedWorkPerYear() / 1e9;
        double slope = bestY / bestX;
        double top = Math.max(maxY, bestY) * 1.05;
        double endX = Math.min(Math.max(maxX, bestX) * 1.05, top / slope);
        plot.addAnnotation(new XYLineAnnotation(0, 0, endX, slope * endX, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f), new Color(0xd62728)));
        XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "chosen: %s work units per kg-year  ",
                Format.num(r.best().workPerKgYear())), bestX, bestY);
        label.setTextAnchor(TextAnchor.CENTER_RIGHT);
        label.setFont(new Font("SansSerif", Font.PLAIN, 11));
        plot.addAnnotation(label);
        JFreeChart chart = new JFreeChart(String.format(Locale.ROOT, "Designs at %.0f km: work per year against mass",
                r.altitudeKm()), new Font("SansSerif", Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 600);
    }
}
