package io.sunsync.flight.orbit;

import io.sunsync.flight.cmd.EventDefinition;
import io.sunsync.flight.events.Event;
import io.sunsync.flight.events.EventSink;
import io.sunsync.flight.events.Severity;
import io.sunsync.flight.sched.Scheduled;
import io.sunsync.flight.throttle.EclipseForecaster;
import io.sunsync.flight.throttle.EclipseWindow;
import io.sunsync.flight.throttle.ForecastSource;
import io.sunsync.hal.HalFault;
import io.sunsync.hal.nav.NavigationFix;
import io.sunsync.hal.nav.NavigationReceiver;
import io.sunsync.orbit.EclipsePass;
import io.sunsync.orbit.EclipseScan;
import io.sunsync.orbit.ElementSet;
import io.sunsync.orbit.ElementsException;
import io.sunsync.orbit.OrekitData;
import io.sunsync.orbit.TleFit;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.propagation.analytical.tle.TLE;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The satellite's own orbit knowledge: the elements it flies (uplinked, or fitted to its
 * navigation receiver's fixes), the eclipses it predicts from them over the coming hours, and
 * the forecast it keeps on disk. It feeds the {@link EclipseForecaster} the throttler plans with:
 * the ground's ephemeris as uplinked, its on-board prediction, and the eclipses observed (restored
 * after a restart).
 *
 * <p>Cost on the flight computer: the prediction is extended by at most one orbit per cycle of
 * its planning rate group (every 5 s), only while it covers less than {@code horizonH}; a fit runs at
 * most once every {@code gnssRefitPeriodS}. On a wall clock that work runs on one worker thread
 * of its own, so no rate group waits for Orekit; its results are picked up at the next cycle. On
 * a virtual clock it runs in the cycle itself, so a simulated run stays deterministic.
 *
 * <p>Threading: {@link #tick}, {@link #accept}, {@link #uplinkEphemeris}, {@link #start} and
 * {@link #housekeeping} run on the scheduler thread (planning rate group, control-loop commands,
 * housekeeping); the scan and fits run on the worker and hand their results over through a
 * queue. {@link #close()} from any thread.
 */
public final class OrbitKnowledge implements Scheduled, AutoCloseable {
    /** The event source. */
    public static final String SOURCE = "orbit";
    private static final Logger LOG = LoggerFactory.getLogger(OrbitKnowledge.class);
    private static final Duration KEEP_PAST = Duration.ofHours(1);

    /** The events this component emits, for the dictionary and docs/throttler.md. */
    public static final List<EventDefinition> EVENTS = List.of(
            new EventDefinition("ORBIT_ELEMENTS_ACCEPTED", Severity.INFO, SOURCE,
                    "new elements are flown (data: source = UPLINK|GNSS_FIT, format, noradId, epoch, ageDays, persisted, fitRmsM)"),
            new EventDefinition("ORBIT_ELEMENTS_REFUSED", Severity.LOW, SOURCE,
                    "elements were refused and the forecast in force stays: a GNSS fit, stored elements at start, or an "
                            + "uplink that aged past the checks while it waited (one refused on receipt gets a REJECTED "
                            + "report instead) (data: source, problem, reason)"),
            new EventDefinition("ORBIT_ELEMENTS_EXPIRED", Severity.MEDIUM, SOURCE,
                    "the elements flown reached orbit.maxElementAgeDays or failed to propagate: no on-board prediction "
                            + "until new ones come (data: epoch, ageDays, reason)"),
            new EventDefinition("FORECAST_STATE_CORRUPT", Severity.MEDIUM, SOURCE,
                    "a stored forecast file is unreadable or corrupt and was ignored (data: file, problem)"),
            new EventDefinition("FORECAST_STATE_UNWRITABLE", Severity.MEDIUM, SOURCE,
                    "a forecast could not be stored: it is used, but a restart would lose it (data: file, problem)"),
            new EventDefinition("FORECAST_MISSED_ECLIPSE", Severity.MEDIUM, SOURCE,
                    "an observed eclipse was not where a source predicted it: that source is set aside until its data "
                            + "is replaced (data: source)"),
            new EventDefinition("NAV_FIX_FAULT", Severity.LOW, SOURCE,
                    "the navigation receiver's fixes became unusable; sent again only after a usable one "
                            + "(data: code, detail)"));

    private final OrbitConfig config;
    private final EclipseForecaster forecaster;
    private final ForecastStore store;
    private final NavigationReceiver nav;
    private final EventSink events;
    private final ExecutorService worker;
    private final Queue<Done> done = new ConcurrentLinkedQueue<>();
    private volatile boolean busy;

    // Scheduler-thread state.
    private Flown flown;
    private long generation;
    private boolean expired;
    private boolean pushed;
    private Instant reached;
    private Instant coveredFrom;
    private Instant coveredUntil;
    private final List<EclipsePass> passes = new ArrayList<>();
    private long learnedSaved;
    private long refused;
    private long stateProblems;
    private final Map<ForecastSource, Boolean> missedReported = new LinkedHashMap<>();
    // Navigation (scheduler thread).
    private final Deque<TleFit.Sample> fixes = new ArrayDeque<>();
    private Instant nextFixAt;
    private Instant nextFitAt;
    private long fixesRead;
    private long fixesUsable;
    private long fixesFaulty;
    private String lastNavFault;
    private boolean navFaulty;
    private Instant lastFixTime;
    private long fits;
    private double lastFitRmsM = Double.NaN;

    // Worker-confined state.
    private EclipseScan scan;
    private long scanGeneration = -1;

    /** The elements flown and what is known of their accuracy. */
    private record Flown(ElementSet elements, ElementsSource source, Instant acceptedAt, double alongTrackErrorM,
                         double fitRmsM) {
        double speedMps() {
            double n = elements.tle().getMeanMotion();
            return n * Math.cbrt(org.orekit.utils.Constants.WGS84_EARTH_MU / (n * n));
        }

        double periodS() {
            return 2 * Math.PI / elements.tle().getMeanMotion();
        }
    }

    /**
     * What a worker job handed back: a piece of prediction ({@code fitJob} false: passes found up to
     * {@code reached}, every pass complete up to {@code complete}) or a fit.
     */
    private record Done(boolean fitJob, long generation, List<EclipsePass> passes, Instant reached, Instant complete,
                        TleFit.Result fit, int fitSamples, ElementsException error) {
    }

    /**
     * @param store  where the forecast is kept, or null to keep it in memory only
     * @param nav    the navigation receiver, or null when the satellite has none
     * @param inline run the prediction and fits in the calling cycle (virtual time) rather than on a worker
     */
    public OrbitKnowledge(OrbitConfig config, EclipseForecaster forecaster, ForecastStore store, NavigationReceiver nav,
                          EventSink events, boolean inline) {
        this.config = config;
        this.forecaster = forecaster;
        this.store = store;
        this.nav = nav;
        this.events = events;
        this.worker = inline ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "orbit-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "orbit";
    }

    /** What elements must look like to be flown by this satellite. */
    public io.sunsync.orbit.ElementsLimits limits() {
        return config.limits();
    }

    /** The forecaster this component feeds. */
    public EclipseForecaster forecaster() {
        return forecaster;
    }

    // ------------------------------------------------------------------------------------ startup

    /**
     * Reloads the stored forecast: the elements in force (flown again if still valid), the ground's
     * ephemeris, the eclipses observed. A corrupt or unreadable file is reported
     * ({@code FORECAST_STATE_CORRUPT}) and ignored.
     */
    public void start(Instant now) {
        if (worker != null) {
            worker.execute(OrbitKnowledge::warmUp);
        }
        if (store == null) {
            LOG.warn("orbit: no state folder; the forecast lives in memory only");
            return;
        }
        ForecastStore.Loaded<List<EclipseWindow>> learned = store.loadLearned();
        if (learned.problem() != null) {
            corrupt(now, learned);
        } else if (learned.present()) {
            forecaster.restoreObserved(learned.value());
        }
        learnedSaved = forecaster.observedCount();
        ForecastStore.Loaded<ForecastStore.StoredEphemeris> eph = store.loadEphemeris();
        if (eph.problem() != null) {
            corrupt(now, eph);
        } else if (eph.present()) {
            try {
                List<EclipseWindow> windows = eph.value().windows().stream()
                        .map(w -> w.window(ForecastSource.GROUND)).toList();
                forecaster.uplink(windows, eph.value().uplinkedAt());
            } catch (RuntimeException e) {
                corrupt(now, new ForecastStore.Loaded<>(null, eph.file(), "bad window: " + e.getMessage()));
            }
        }
        ForecastStore.Loaded<ForecastStore.StoredElements> el = store.loadElements();
        if (el.problem() != null) {
            corrupt(now, el);
        } else if (el.present()) {
            restoreElements(el.value(), el, now);
        }
    }

    private void restoreElements(ForecastStore.StoredElements stored, ForecastStore.Loaded<?> from, Instant now) {
        ElementSet e;
        ElementsSource source;
        try {
            e = ElementSet.parse(stored.text());
            source = ElementsSource.valueOf(stored.source());
        } catch (ElementsException | IllegalArgumentException | NullPointerException ex) {
            corrupt(now, new ForecastStore.Loaded<>(null, from.file(), "stored elements do not parse: " + ex.getMessage()));
            return;
        }
        double fitRms = stored.fitRmsM() == null ? Double.NaN : stored.fitRmsM();
        try {
            install(e, source, stored.acceptedAt() == null ? now : stored.acceptedAt(), stored.alongTrackErrorM(), fitRms,
                    now, false);
        } catch (ElementsException ex) {
            if (ex.problem() == io.sunsync.orbit.ElementsProblem.TOO_OLD) {
                // Kept (they are still the newest there are) but not flown.
                flown = new Flown(e, source, stored.acceptedAt(), stored.alongTrackErrorM(), fitRms);
                expire(now, ex.getMessage());
            } else {
                refused(now, source, ex);
            }
        }
    }

    private static void warmUp() {
        try {
            OrekitData.utc();
            OrekitData.earth();
            OrekitData.sun();
        } catch (RuntimeException e) {
            LOG.warn("orbit: Orekit warm-up failed: {}", e.toString());
        }
    }

    // ------------------------------------------------------------------------------ the elements

    /**
     * Checks {@code elements} for this satellite at {@code now} and, if they pass, flies them:
     * stores them, then predicts from them (the forecast in force stays until the first
     * prediction is ready). The ground's command calls this.
     *
     * @return what the verification report says: the elements' identity, age and whether they were stored
     * @throws ElementsException when the elements are refused; nothing changes then
     */
    public Map<String, Object> accept(ElementSet elements, Instant now) {
        try {
            return install(elements, ElementsSource.UPLINK, now, config.alongTrackErrorM(), Double.NaN, now, true);
        } catch (ElementsException e) {
            refused(now, ElementsSource.UPLINK, e);
            throw e;
        }
    }

    private Map<String, Object> install(ElementSet elements, ElementsSource source, Instant acceptedAt,
                                        double alongTrackErrorM, double fitRmsM, Instant now, boolean persist) {
        elements.check(config.limits(), now);
        Instant replaced = flown == null ? null : flown.elements().epoch();
        flown = new Flown(elements, source, acceptedAt, alongTrackErrorM, fitRmsM);
        generation++;
        expired = false;
        pushed = false;
        passes.clear();
        coveredFrom = now;
        coveredUntil = null;
        reached = now.minusMillis(Math.round(flown.periodS() * 1000)); // an eclipse under way now is caught
        boolean persisted = false;
        if (persist && store != null) {
            try {
                store.saveElements(new ForecastStore.StoredElements(source.name(), elements.text(), acceptedAt,
                        alongTrackErrorM, Double.isNaN(fitRmsM) ? null : fitRmsM));
                persisted = true;
            } catch (IOException e) {
                unwritable(now, store.dir().resolve(ForecastStore.ELEMENTS).toString(), e);
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", source.name());
        data.put("format", elements.format().name());
        data.put("noradId", elements.noradId());
        data.put("epoch", elements.epoch().toString());
        data.put("ageDays", round(elements.ageDays(now), 3));
        data.put("persisted", persist ? persisted : store != null);
        if (!Double.isNaN(fitRmsM)) {
            data.put("fitRmsM", round(fitRmsM, 1));
        }
        if (replaced != null) {
            data.put("replacedEpoch", replaced.toString());
        }
        events.emit(new Event(now, Severity.INFO, SOURCE, "ORBIT_ELEMENTS_ACCEPTED", "flying " + source + " elements of "
                + elements.epoch() + " for " + elements.noradId(), data));
        work(now);
        return data;
    }

    private void refused(Instant now, ElementsSource source, ElementsException e) {
        refused++;
        events.emit(new Event(now, Severity.LOW, SOURCE, "ORBIT_ELEMENTS_REFUSED", source + " elements refused: "
                + e.getMessage(), Map.of("source", source.name(), "problem", e.problem().name(), "reason", e.getMessage())));
    }

    private void expire(Instant now, String reason) {
        if (expired) {
            return;
        }
        expired = true;
        generation++;
        passes.clear();
        coveredFrom = null;
        coveredUntil = null;
        forecaster.clearOnboard();
        events.emit(new Event(now, Severity.MEDIUM, SOURCE, "ORBIT_ELEMENTS_EXPIRED", "no on-board prediction: " + reason,
                Map.of("epoch", flown.elements().epoch().toString(), "ageDays", round(flown.elements().ageDays(now), 3),
                        "reason", reason)));
    }

    // ----------------------------------------------------------------------------- the ephemeris

    /** Takes the ground's eclipse ephemeris uplinked at {@code now} and stores it; returns whether it was stored. */
    public boolean uplinkEphemeris(List<EclipseWindow> windows, Instant now) {
        forecaster.uplink(windows, now);
        missedReported.remove(ForecastSource.GROUND);
        if (store == null) {
            return false;
        }
        try {
            store.saveEphemeris(now, windows);
            return true;
        } catch (IOException e) {
            unwritable(now, store.dir().resolve(ForecastStore.EPHEMERIS).toString(), e);
            return false;
        }
    }

    // ---------------------------------------------------------------------------------- the cycle

    @Override
    public void tick(Instant now) {
        collect(now);
        if (flown != null && !expired && flown.elements().ageDays(now) > config.maxElementAgeDays()) {
            expire(now, String.format(java.util.Locale.ROOT, "elements of %s are %.1f days old (orbit.maxElementAgeDays %.1f)",
                    flown.elements().epoch(), flown.elements().ageDays(now), config.maxElementAgeDays()));
        }
        if (nav != null) {
            sampleNavigation(now);
        }
        work(now);
        saveLearned(now);
        reportMissed(now);
    }

    /** Starts the next piece of work if none is running: a fit when due, else the next orbit of prediction. */
    private void work(Instant now) {
        if (busy) {
            return;
        }
        if (fitDue(now)) {
            List<TleFit.Sample> samples = List.copyOf(fixes);
            TLE template = flown != null ? flown.elements().tle() : null;
            long gen = generation;
            nextFitAt = now.plusMillis(Math.round(config.gnssFitWindowS() * 500)); // no retry storm if it fails
            submit(() -> {
                try {
                    done.add(new Done(true, gen, List.of(), null, null,
                            TleFit.fit(samples, OrekitData.itrf(), template, false), samples.size(), null));
                } catch (ElementsException e) {
                    done.add(new Done(true, gen, List.of(), null, null, null, samples.size(), e));
                }
            });
        } else if (flown != null && !expired) {
            Instant horizon = now.plusMillis(Math.round(config.horizonH() * 3_600_000));
            // Extended a whole orbit at a time, once an orbit of the horizon is uncovered (or to start).
            if (!pushed || reached.plusMillis(Math.round(flown.periodS() * 1000)).isBefore(horizon)) {
                // An orbit at a time, and at least to an orbit from now (the first piece of new elements
                // starts an orbit back, to catch an eclipse under way).
                Instant to = reached.plusMillis(Math.round(flown.periodS() * 1000));
                Instant anOrbitAhead = now.plusMillis(Math.round(flown.periodS() * 1000));
                if (to.isBefore(anOrbitAhead)) {
                    to = anOrbitAhead;
                }
                if (to.isAfter(horizon)) {
                    to = horizon;
                }
                long gen = generation;
                ElementSet elements = flown.elements();
                Instant from = reached;
                Instant target = to;
                submit(() -> {
                    try {
                        if (scanGeneration != gen) {
                            scan = new EclipseScan(elements.propagator(), from);
                            scanGeneration = gen;
                        }
                        List<EclipsePass> found = scan.advanceTo(target);
                        done.add(new Done(false, gen, found, target, scan.complete(), null, 0, null));
                    } catch (ElementsException e) {
                        done.add(new Done(false, gen, List.of(), target, null, null, 0, e));
                    }
                });
            }
        }
        collect(now);
    }

    private void submit(Runnable job) {
        busy = true;
        Runnable wrapped = () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.error("orbit: worker job failed", e);
            } finally {
                busy = false;
            }
        };
        if (worker == null) {
            wrapped.run();
        } else {
            worker.execute(wrapped);
        }
    }

    /** Applies what the worker handed back. */
    private void collect(Instant now) {
        Done d;
        while ((d = done.poll()) != null) {
            if (d.fitJob()) {
                fitted(d, now);
            } else if (d.generation() == generation && flown != null && !expired) {
                if (d.error() != null) {
                    expire(now, "prediction failed: " + d.error().getMessage());
                    continue;
                }
                reached = d.reached();
                passes.addAll(d.passes());
                coveredUntil = d.complete();
                publish(now);
            }
        }
    }

    private void publish(Instant now) {
        Instant keepFrom = now.minus(KEEP_PAST);
        passes.removeIf(p -> p.penumbraEnd().isBefore(keepFrom));
        if (coveredUntil == null || !coveredUntil.isAfter(coveredFrom)) {
            return; // nothing complete yet: the forecast in force stays
        }
        List<EclipseWindow> windows = new ArrayList<>(passes.size());
        PredictionUncertainty model = new PredictionUncertainty(flown.alongTrackErrorM(), config.alongTrackGrowthMPerDay(),
                config.shadowModelErrorS());
        double speed = flown.speedMps();
        for (EclipsePass p : passes) {
            double u = model.uncertaintyS(flown.elements().ageDays(p.penumbraStart()), speed);
            windows.add(EclipseWindow.of(p, u, ForecastSource.ONBOARD));
        }
        forecaster.onboard(windows, coveredFrom, coveredUntil, !pushed);
        if (!pushed) {
            missedReported.remove(ForecastSource.ONBOARD);
        }
        pushed = true;
    }

    // ---------------------------------------------------------------------------- navigation

    private void sampleNavigation(Instant now) {
        if (nextFixAt != null && now.isBefore(nextFixAt)) {
            return;
        }
        nextFixAt = now.plusMillis(Math.round(config.gnssFixPeriodS() * 1000));
        NavigationFix f;
        try {
            f = nav.read();
        } catch (RuntimeException e) { // a backend that breaks its contract is still only a fault
            f = NavigationFix.none(now, new HalFault(io.sunsync.hal.FaultCode.SENSOR_IO_ERROR, "navigation", "read",
                    String.valueOf(e.getMessage()), now));
        }
        fixesRead++;
        if (f.usable()) {
            fixesUsable++;
            navFaulty = false;
            if (lastFixTime == null || f.fixTime().isAfter(lastFixTime)) {
                fixes.addLast(new TleFit.Sample(f.fixTime(), new Vector3D(f.xM(), f.yM(), f.zM()),
                        new Vector3D(f.vxMps(), f.vyMps(), f.vzMps())));
                lastFixTime = f.fixTime();
            }
        } else {
            fixesFaulty++;
            HalFault fault = f.faults().isEmpty() ? null : f.faults().get(0);
            lastNavFault = fault == null ? "UNUSABLE" : fault.code().name();
            if (!navFaulty) {
                navFaulty = true;
                events.emit(new Event(now, Severity.LOW, SOURCE, "NAV_FIX_FAULT", "navigation fix not usable: "
                        + (fault == null ? f.quality() : fault.detail()), Map.of("code", lastNavFault,
                        "detail", fault == null ? String.valueOf(f.quality()) : fault.detail())));
            }
        }
        Instant oldest = now.minusMillis(Math.round(config.gnssFitWindowS() * 1000));
        while (!fixes.isEmpty() && fixes.peekFirst().t().isBefore(oldest)) {
            fixes.removeFirst();
        }
    }

    private boolean fitDue(Instant now) {
        if (nav == null || fixes.size() < config.gnssMinFixes() || (nextFitAt != null && now.isBefore(nextFitAt))) {
            return false;
        }
        double spanS = Duration.between(fixes.peekFirst().t(), fixes.peekLast().t()).toMillis() / 1000.0;
        if (spanS < 0.8 * config.gnssFitWindowS()) {
            return false;
        }
        return flown == null || expired
                || Duration.between(flown.elements().epoch(), now).toMillis() / 1000.0 > config.gnssRefitPeriodS();
    }

    private void fitted(Done d, Instant now) {
        fits++;
        if (d.error() != null) {
            refused(now, ElementsSource.GNSS_FIT, d.error());
            fixes.clear();
            return;
        }
        lastFitRmsM = d.fit().rmsM();
        if (!(d.fit().rmsM() <= config.gnssMaxFitRmsM())) {
            refused(now, ElementsSource.GNSS_FIT, new ElementsException(io.sunsync.orbit.ElementsProblem.PROPAGATION_FAILED,
                    String.format(java.util.Locale.ROOT, "the fixes do not make an orbit: fit residual %.0f m over %d fixes "
                            + "(orbit.gnssMaxFitRmsM %.0f m)", d.fit().rmsM(), d.fitSamples(), config.gnssMaxFitRmsM())));
            fixes.clear(); // start again from fresh fixes
            return;
        }
        try {
            install(ElementSet.of(d.fit().elements(), "GNSS fit"), ElementsSource.GNSS_FIT, now,
                    Math.max(config.gnssAlongTrackErrorM(), d.fit().rmsM()), d.fit().rmsM(), now, true);
        } catch (ElementsException e) {
            refused(now, ElementsSource.GNSS_FIT, e);
        }
    }

    // ------------------------------------------------------------------------------ bookkeeping

    private void saveLearned(Instant now) {
        long count = forecaster.observedCount();
        if (count == learnedSaved || store == null) {
            return;
        }
        learnedSaved = count;
        try {
            store.saveLearned(forecaster.observed());
        } catch (IOException e) {
            unwritable(now, store.dir().resolve(ForecastStore.LEARNED).toString(), e);
        }
    }

    private void reportMissed(Instant now) {
        for (ForecastSource s : List.of(ForecastSource.GROUND, ForecastSource.ONBOARD)) {
            if (forecaster.missedAnEclipse(s) && !missedReported.containsKey(s)) {
                missedReported.put(s, true);
                events.emit(new Event(now, Severity.MEDIUM, SOURCE, "FORECAST_MISSED_ECLIPSE", s + " forecast missed an "
                        + "observed eclipse; set aside until its data is replaced", Map.of("source", s.name())));
            }
        }
    }

    private void corrupt(Instant now, ForecastStore.Loaded<?> loaded) {
        stateProblems++;
        LOG.warn("orbit: ignoring {}: {}", loaded.file(), loaded.problem());
        events.emit(new Event(now, Severity.MEDIUM, SOURCE, "FORECAST_STATE_CORRUPT", "ignored " + loaded.file().getFileName()
                + ": " + loaded.problem(), Map.of("file", loaded.file().toString(), "problem", loaded.problem())));
    }

    private void unwritable(Instant now, String file, IOException e) {
        stateProblems++;
        LOG.warn("orbit: cannot store {}: {}", file, e.toString());
        events.emit(new Event(now, Severity.MEDIUM, SOURCE, "FORECAST_STATE_UNWRITABLE", "cannot store " + file + ": "
                + e.getMessage(), Map.of("file", file, "problem", String.valueOf(e.getMessage()))));
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    // ---------------------------------------------------------------------------- housekeeping

    /** The {@code orbit} housekeeping section at {@code now}. */
    public Housekeeping housekeeping(Instant now) {
        Map<String, Double> errors = new LinkedHashMap<>();
        List<String> missed = new ArrayList<>();
        for (ForecastSource s : List.of(ForecastSource.GROUND, ForecastSource.ONBOARD, ForecastSource.LEARNED)) {
            forecaster.lastErrorS(s).ifPresent(e -> errors.put(s.name(), e));
            if (forecaster.missedAnEclipse(s)) {
                missed.add(s.name());
            }
        }
        Elements el = flown == null ? null : new Elements(flown.source().name(), flown.elements().format().name(),
                flown.elements().noradId(), flown.elements().epoch(), round(flown.elements().ageDays(now), 3),
                flown.acceptedAt(), expired, flown.fitRmsM());
        Navigation n = nav == null ? null : new Navigation(fixesRead, fixesUsable, fixesFaulty, lastNavFault, lastFixTime,
                fixes.size(), fits, lastFitRmsM);
        return new Housekeeping(el, coveredUntil, forecaster.onboardWindows().size(), forecaster.ephemeris().size(),
                forecaster.ephemerisUplinkedAt().orElse(null), forecaster.ephemerisFresh(now), forecaster.observedCount(),
                errors, missed, refused, stateProblems, n);
    }

    /**
     * The {@code orbit} housekeeping section (schema: hk.schema.json#/properties/orbit).
     *
     * @param elements          the elements flown, or null
     * @param predictedUntil    the on-board prediction covers up to here, or null
     * @param windowsPredicted  eclipses in the on-board prediction
     * @param ephemerisWindows  eclipses in the ground's ephemeris
     * @param ephemerisUplinked when the ephemeris came, or null
     * @param ephemerisFresh    whether it is fresh enough to take precedence
     * @param eclipsesObserved  eclipses observed since start (restored ones not counted)
     * @param lastErrorS        per source, observed minus predicted transition at the last eclipse, in s (NaN: missed)
     * @param missedBy          sources set aside for missing an eclipse
     * @param elementsRefused   element sets refused since start (fits, stored ones, uplinks refused at execution)
     * @param stateProblems     stored forecast files found corrupt or not writable since start
     * @param navigation        the receiver's record, or null without a receiver
     */
    public record Housekeeping(Elements elements, Instant predictedUntil, int windowsPredicted, int ephemerisWindows,
                               Instant ephemerisUplinked, boolean ephemerisFresh, long eclipsesObserved,
                               Map<String, Double> lastErrorS, List<String> missedBy, long elementsRefused,
                               long stateProblems, Navigation navigation) {
    }

    /**
     * The elements flown.
     *
     * @param source     UPLINK or GNSS_FIT
     * @param format     TLE, OMM_KVN or OMM_XML
     * @param noradId    catalogue number
     * @param epoch      their epoch
     * @param ageDays    their age now, in days
     * @param acceptedAt when they were accepted
     * @param expired    too old to fly (or failed to propagate): no on-board prediction
     * @param fitRmsM    residual of the fit they came from, in m (NaN for uplinked elements)
     */
    public record Elements(String source, String format, int noradId, Instant epoch, double ageDays, Instant acceptedAt,
                           boolean expired, double fitRmsM) {
    }

    /**
     * The navigation receiver's record.
     *
     * @param fixes       fixes read since start
     * @param usable      of those, usable
     * @param faulty      of those, not usable
     * @param lastFault   the fault code of the last unusable fix, or null
     * @param lastFix     the time of the last usable fix, or null
     * @param fitSamples  usable fixes in the fit window now
     * @param fits        fits tried since start
     * @param lastFitRmsM position residual of the last fit, in m (NaN before the first)
     */
    public record Navigation(long fixes, long usable, long faulty, String lastFault, Instant lastFix, int fitSamples,
                             long fits, double lastFitRmsM) {
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
            try {
                worker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
