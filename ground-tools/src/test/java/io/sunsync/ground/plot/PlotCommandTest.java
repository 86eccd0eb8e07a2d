package io.sunsync.ground.plot;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.archive.Archive;
import io.sunsync.ground.archive.ArchiveReader;
import io.sunsync.ground.archive.ArchiveSettings;
import io.sunsync.ground.cli.ExitCode;
import io.sunsync.ground.testing.Cli;
import io.sunsync.ground.testing.Messages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotCommandTest {
    @TempDir
    Path dir;
    Path root;

    /** One orbit-like hour: SoC falls through the floor in an "eclipse" and comes back. */
    @BeforeEach
    void archiveAnHour() throws Exception {
        root = dir.resolve("archive");
        Instant t0 = Instant.parse("2027-06-21T00:00:00Z");
        try (Archive a = new Archive(new ArchiveSettings(root, "gs1", 64 << 20, false, false, 10_000), Clock.systemUTC())) {
            for (int s = 0; s < 3600; s++) {
                double soc = 60 - 28 * Math.sin(Math.PI * s / 3600.0);
                String frame = Messages.hk("sat-001", s, t0.plusSeconds(s).toString(), soc)
                        .replace("\"budgetW\":8000.0", "\"budgetW\":" + (80000 + 10000 * Math.cos(s / 300.0)))
                        .replace("\"arrayW\":90000.0", "\"arrayW\":" + (s > 1200 && s < 2400 ? 0 : 95000))
                        .replace("\"sunlit\":true", "\"sunlit\":true,\"batteryW\":" + (s > 1200 && s < 2400 ? -60000 : 5000));
                a.accept(Messages.withSeq("sunsync/sat-001/tm/hk", frame, "hk", s));
            }
        }
    }

    @Test
    void aPresetChartIsAValidPngOfTheRequestedSize() throws Exception {
        Path png = dir.resolve("power.png");
        Cli.Run r = Cli.run("plot", "--dir", root.toString(), "--sat", "sat-001", "--preset", "power",
                "--width", "1000", "--height", "640", "-o", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(1000);
        assertThat(img.getHeight()).isEqualTo(640);
        assertThat(distinctColours(img)).isGreaterThan(20);
        assertThat(r.out()).contains("3600 frames").contains("control.budgetW").contains("kW");
    }

    @Test
    void theSocChartDrawsTheFloorAndReportsTheMinimum() throws Exception {
        Path png = dir.resolve("soc.png");
        Cli.Run r = Cli.run("plot", "--dir", root.toString(), "--sat", "sat-001", "--preset", "soc", "-o", png.toString());
        assertThat(r.exit()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1200);
        // 60 - 28 sin(pi s/3600): minimum 32.0 at s = 1800.
        assertThat(r.out()).containsPattern("power\\.socPct\\s+%\\s+min\\s+32\\.0\\s");
        // The alarm line (35 %, dashed dark red) crosses the panel.
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(countColour(img, 0xc00000)).isGreaterThan(50);
    }

    @Test
    void aTimeRangeNarrowsTheChart() throws Exception {
        Path png = dir.resolve("range.png");
        Cli.Run r = Cli.run("plot", "--dir", root.toString(), "--sat", "sat-001", "--points", "power.socPct,thermal.maxZoneC",
                "--from", "2027-06-21T00:10:00Z", "--to", "10m", "-o", png.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // 00:10:00 .. newest (00:59:59) - 10 min = 00:49:59: 40 min of 1 Hz frames.
        assertThat(r.out()).contains("2400 frames").contains("to 2027-06-21T00:49:59Z");
    }

    @Test
    void nothingArchivedIsNoDataAndABadSizeIsAUsageError() {
        assertThat(Cli.run("plot", "--dir", root.toString(), "--sat", "sat-404").exit()).isEqualTo(ExitCode.NO_DATA.code());
        assertThat(Cli.run("plot", "--dir", root.toString(), "--sat", "sat-001", "--width", "10", "-o",
                dir.resolve("x.png").toString()).exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(Cli.run("plot", "--dir", root.toString(), "--sat", "sat-001", "--preset", "pie").exit())
                .isEqualTo(ExitCode.USAGE.code());
    }

    @Test
    void longSeriesAreThinnedToEachColumnsMinimumAndMaximumKeepingASpike() throws Exception {
        var records = new ArrayList<>(new ArchiveReader(root).read("sat-001", "hk", null, null, null));
        XYSeries s = ChartRenderer.series("power.socPct", records, 1, 200);
        assertThat(s.getItemCount()).isLessThanOrEqualTo(400).isGreaterThan(100);
        assertThat(s.getMinY()).isEqualTo(32.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(s.getMaxY()).isEqualTo(60.0, org.assertj.core.data.Offset.offset(0.01));
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> c = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                c.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return c.size();
    }

    private static int countColour(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
