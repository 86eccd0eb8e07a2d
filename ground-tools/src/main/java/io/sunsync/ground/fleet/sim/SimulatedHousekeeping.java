package io.sunsync.ground.fleet.sim;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * ICD-valid housekeeping frames ({@code docs/icd/schemas/hk.schema.json}) of a simulated fleet,
 * a pure function of (satellite index, frame number, mission time): each satellite flies a dawn-dusk
 * orbit of 5,862 s (650 km) with its own phase, its array power, battery state of charge, budget,
 * boards and temperatures following it; every frame carries every section flight sends, including
 * each board's cap ({@code boards.capsW}), so frames are as large as real ones (~1.3 kB with 96
 * boards). Immutable; thread safe.
 *
 * @param boards accelerator boards per satellite (1-1024)
 */
public record SimulatedHousekeeping(int boards) {
    /** Orbit period at 650 km, s. */
    public static final double PERIOD_S = 5862.0;

    public SimulatedHousekeeping {
        if (boards < 1 || boards > 1024) {
            throw new IllegalArgumentException("boards must be 1-1024, was " + boards);
        }
    }

    /** The reference satellite: 96 boards of ~1 kW. */
    public static SimulatedHousekeeping reference() {
        return new SimulatedHousekeeping(96);
    }

    /** Satellite ids {@code sat-0001 … sat-N} (four digits up to 9999, more beyond). */
    public static List<String> fleet(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a fleet has at least one satellite, was " + n);
        }
        String fmt = n > 9999 ? "sat-%0" + Integer.toString(n).length() + "d" : "sat-%04d";
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format(Locale.ROOT, fmt, i)).toList();
    }

    /**
     * The frame of satellite {@code index} (0-based; sets its orbit phase and quirks) named
     * {@code sat}, frame number {@code seq}, at mission time {@code t}, as JSON text.
     */
    public String frame(String sat, int index, long seq, Instant t) {
        double phase = ((t.getEpochSecond() % (long) PERIOD_S) / PERIOD_S + index * 0.6180339887) % 1.0;
        double angle = 2 * Math.PI * phase;
        double arrayAvailableW = 95_000 + 5_000 * Math.cos(angle) - (index % 7) * 300.0;
        int enabled = boards - (index % 11 == 0 ? 1 : 0);
        double capEach = Math.round(600 + 350 * (0.5 + 0.5 * Math.sin(angle + index)));
        double boardPowerW = enabled * capEach * 0.97;
        double housekeepingW = 3_000 + (index % 5) * 100.0;
        double loadW = boardPowerW + housekeepingW;
        double batteryW = arrayAvailableW - loadW;
        double arrayW = batteryW > 0 ? Math.min(arrayAvailableW, loadW + Math.min(batteryW, 8_000)) : arrayAvailableW;
        batteryW = arrayW - loadW;
        double socPct = 72 + 18 * Math.sin(angle * 0.5 + index) + (seq % 100) * 0.001;
        double batteryWh = 200.0 * socPct;
        double maxZoneC = 38 + 12 * (0.5 + 0.5 * Math.sin(angle)) + (index % 3);
        double maxTempC = maxZoneC + 14;
        String mode = index % 97 == 42 ? "POWER_SAVE" : "NOMINAL";
        StringBuilder sb = new StringBuilder(1024 + boards * 6);
        sb.append("{\"sat\":\"").append(sat).append("\",\"seq\":").append(seq).append(",\"t\":\"").append(t)
                .append("\",\"mode\":\"").append(mode).append("\",");
        sb.append("\"power\":{\"arrayAvailableW\":").append(num(arrayAvailableW)).append(",\"arrayW\":").append(num(arrayW))
                .append(",\"busV\":").append(num(120.0 - (index % 4) * 0.1)).append(",\"loadW\":").append(num(loadW))
                .append(",\"batteryW\":").append(num(batteryW)).append(",\"batteryWh\":").append(num(batteryWh))
                .append(",\"socPct\":").append(num(socPct)).append(",\"sunlit\":true,\"quality\":\"GOOD\"},");
        sb.append("\"thermal\":{\"maxZoneC\":").append(num(maxZoneC)).append(",\"hottestZone\":\"cold-plate-")
                .append(index % 4).append("\",\"pumpsOn\":").append(1 + index % 2).append(",\"quality\":\"GOOD\"},");
        sb.append("\"boards\":{\"count\":").append(boards).append(",\"enabled\":").append(enabled).append(",\"powerW\":")
                .append(num(boardPowerW)).append(",\"capW\":").append(num(enabled * capEach)).append(",\"maxTempC\":")
                .append(num(maxTempC)).append(",\"workUnits\":").append(num(seq * enabled * 0.012)).append(",\"capsW\":[");
        for (int b = 0; b < boards; b++) {
            if (b > 0) {
                sb.append(',');
            }
            sb.append(b >= enabled ? 0 : (long) capEach);
        }
        sb.append("]},");
        sb.append("\"link\":{\"connected\":true,\"queued\":").append(seq % 3).append(",\"sent\":").append(seq * 2)
                .append(",\"dropped\":0,\"outboxBytes\":").append(65_536 + (seq % 64) * 1024).append(",\"droppedByStream\":{}},");
        sb.append("\"rates\":[{\"name\":\"control\",\"cycles\":").append(seq * 10).append(",\"overruns\":0,\"failures\":0},")
                .append("{\"name\":\"housekeeping\",\"cycles\":").append(seq + 1).append(",\"overruns\":0,\"failures\":0}],");
        sb.append("\"control\":{\"mode\":\"").append(mode).append("\",\"modeReason\":\"")
                .append(mode.equals("NOMINAL") ? "nominal" : "low state of charge").append("\",\"budgetW\":")
                .append(num(Math.max(0, arrayAvailableW - housekeepingW))).append(",\"budgetBinding\":\"ARRAY\",\"allocatedW\":")
                .append(num(enabled * capEach)).append(",\"allocBinding\":\"POWER\",\"boardsOn\":").append(enabled)
                .append(",\"forecastKnown\":true}}");
        return sb.toString();
    }

    private static String num(double v) {
        return Double.toString(Math.round(v * 10) / 10.0);
    }
}
