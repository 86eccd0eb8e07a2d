package io.sunsync.sim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.sim.fdyn.FittedElements;
import io.sunsync.sim.fdyn.FlightDynamics;
import io.sunsync.sim.scenario.Scenario;
import io.sunsync.sim.truth.TruthLog;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sunsync sim elements}: the elements the ground's flight dynamics would issue for a
 * scenario (fitted to its truth orbit), as a TLE or a CCSDS OMM, and how far SGP4 on them drifts
 * from the truth over the following days.
 */
@Command(name = "elements", mixinStandardHelpOptions = true,
        description = "TLE or CCSDS OMM fitted to a scenario's truth orbit (a day of positions before the epoch), "
                + "and SGP4's drift from the truth after the epoch.")
public final class ElementsCommand implements Callable<Integer> {

    @Mixin
    ScenarioOption scenarioOption;

    @Option(names = "--age-days", defaultValue = "0",
            description = "Age of the elements at the scenario start, in days: epoch = start - age (default ${DEFAULT-VALUE}).")
    double ageDays;

    @Option(names = "--format", defaultValue = "tle", description = "tle or omm (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--drift-days", split = ",", defaultValue = "0,1,3,7,14",
            description = "Days after the epoch at which to compare SGP4 with the truth (default ${DEFAULT-VALUE}).")
    List<Double> driftDays;

    @Mixin
    JsonSwitch json;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("tle") && !format.equals("omm")) {
            throw new IllegalArgumentException("--format must be tle or omm, was '" + format + "'");
        }
        if (!(ageDays >= 0 && ageDays <= 60)) {
            throw new IllegalArgumentException("--age-days must be in [0, 60], was " + ageDays);
        }
        for (double d : driftDays) {
            if (!(d >= 0 && d <= 60)) {
                throw new IllegalArgumentException("--drift-days must be in [0, 60], was " + d);
            }
        }
        Scenario sc = scenarioOption.load();
        FlightDynamics fd = FlightDynamics.of(sc);
        FittedElements el = fd.elementsAged(Duration.ofNanos(Math.round(ageDays * 86_400e9)));
        PrintWriter out = json.out();
        if (json.on()) {
            ObjectNode n = TruthLog.mapper().createObjectNode();
            n.put("scenario", sc.name());
            n.put("truth", sc.truthOrbit().toString());
            n.put("epoch", el.epoch().toString());
            n.put("line1", el.line1());
            n.put("line2", el.line2());
            n.put("omm", el.omm());
            n.put("fitSpanS", el.fitSpanS());
            n.put("fitPoints", el.fitPoints());
            n.put("fitRmsM", el.fitRmsM());
            n.put("bStar", el.bStarPerEarthRadius());
            ArrayNode drift = n.putArray("drift");
            for (double d : driftDays) {
                FlightDynamics.PredictionError e = fd.predictionError(el, at(el.epoch(), d));
                drift.addObject().put("days", d).put("positionM", e.positionM()).put("radialM", e.radialM())
                        .put("alongTrackM", e.alongTrackM()).put("crossTrackM", e.crossTrackM())
                        .put("alongTrackS", e.alongTrackS());
            }
            json.print(n);
        } else {
            out.print(format.equals("tle") ? el.tle() : el.omm());
            out.printf(Locale.ROOT, "# %s; truth: %s%n", sc.name(), sc.truthOrbit());
            out.printf(Locale.ROOT, "# fitted to %d truth positions over %.0f h before %s: rms %.1f m, B* %.4e%n",
                    el.fitPoints(), el.fitSpanS() / 3600, el.epoch(), el.fitRmsM(), el.bStarPerEarthRadius());
            out.printf(Locale.ROOT, "# SGP4 vs truth  days   position km   radial km   along km   cross km   along s%n");
            for (double d : driftDays) {
                FlightDynamics.PredictionError e = fd.predictionError(el, at(el.epoch(), d));
                out.printf(Locale.ROOT, "#               %5.1f   %11.3f   %9.3f   %8.3f   %8.3f   %7.2f%n", d,
                        e.positionM() / 1000, e.radialM() / 1000, e.alongTrackM() / 1000, e.crossTrackM() / 1000,
                        e.alongTrackS());
            }
        }
        out.flush();
        return 0;
    }

    private static Instant at(Instant epoch, double days) {
        return epoch.plusNanos(Math.round(days * 86_400e9));
    }
}
