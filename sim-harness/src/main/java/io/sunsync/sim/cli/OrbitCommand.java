package io.sunsync.sim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.sim.orbit.EclipseSeason;
import io.sunsync.sim.orbit.SunSynchronousOrbit;
import io.sunsync.sim.truth.TruthLog;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sunsync sim orbit}: a sun-synchronous orbit's period, inclination and eclipse season. */
@Command(name = "orbit", mixinStandardHelpOptions = true,
        description = "Period, SSO inclination, critical beta angle and the year's eclipse season of a circular SSO.")
public final class OrbitCommand implements Callable<Integer> {

    @Option(names = "--altitude-km", required = true, description = "Altitude, in km (160..2000).")
    double altitudeKm;

    @Option(names = "--ltan", defaultValue = "18:00",
            description = "Local time of the ascending node, HH:MM (default ${DEFAULT-VALUE}: dawn-dusk).")
    String ltan;

    @Option(names = "--year", defaultValue = "2027", description = "Calendar year to scan (default ${DEFAULT-VALUE}).")
    int year;

    @Mixin
    JsonSwitch json;

    @Override
    public Integer call() throws Exception {
        SunSynchronousOrbit orbit = new SunSynchronousOrbit(altitudeKm, SunSynchronousOrbit.parseLtan(ltan));
        EclipseSeason season = EclipseSeason.of(orbit, year, 0.25);
        PrintWriter out = json.out();
        if (json.on()) {
            ObjectNode n = TruthLog.mapper().createObjectNode();
            n.put("altitudeKm", altitudeKm);
            n.put("ltan", ltan);
            n.put("periodMin", orbit.periodS() / 60);
            n.put("inclinationDeg", orbit.inclinationDeg());
            n.put("criticalBetaDeg", orbit.criticalBetaDeg());
            n.put("year", year);
            n.put("minBetaDeg", season.minBetaDeg());
            n.put("maxBetaDeg", season.maxBetaDeg());
            n.put("eclipseDays", season.eclipseDays());
            n.put("eclipseSeasonFirstDay", season.firstDay() == null ? null : season.firstDay().toString());
            n.put("eclipseSeasonLastDay", season.lastDay() == null ? null : season.lastDay().toString());
            n.put("longestEclipseMin", season.longestEclipseS() / 60);
            n.put("longestEclipseOn", season.longestOn() == null ? null : season.longestOn().toString());
            json.print(n);
        } else {
            out.printf(Locale.ROOT, "Circular sun-synchronous orbit at %.0f km, LTAN %s%n", altitudeKm, ltan);
            out.printf(Locale.ROOT, "  period              %.2f min%n", orbit.periodS() / 60);
            out.printf(Locale.ROOT, "  inclination         %.2f deg (J2)%n", orbit.inclinationDeg());
            out.printf(Locale.ROOT, "  critical beta       %.1f deg (no eclipse above)%n", orbit.criticalBetaDeg());
            out.printf(Locale.ROOT, "  beta in %d        %.1f .. %.1f deg%n", year, season.minBetaDeg(), season.maxBetaDeg());
            if (season.eclipseDays() == 0) {
                out.printf("  eclipse season      none: the orbit is in sunlight all year%n");
            } else {
                out.printf(Locale.ROOT, "  eclipse season      %s .. %s (%d days with an eclipse)%n", season.firstDay(),
                        season.lastDay(), season.eclipseDays());
                out.printf(Locale.ROOT, "  longest eclipse     %.1f min (on %s)%n", season.longestEclipseS() / 60,
                        season.longestOn());
            }
        }
        out.flush();
        return 0;
    }
}
