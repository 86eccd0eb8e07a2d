package io.sunsync.sim.cli;

import io.sunsync.sim.economy.MassBudget;
import java.util.Locale;

/** Numbers as the economy commands print them. Stateless. */
final class Format {
    private Format() {
    }

    /** A number with a sensible count of digits and thousands separators: 3,208, 96.0, 0.512. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** A large number in scientific notation with three digits: 2.92e9. */
    static String sci(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.3g", v).replace("e+0", "e").replace("e+", "e");
    }

    /** Dollars: $641,667 or $8.73M. */
    static String usd(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return Math.abs(v) >= 1e6 ? String.format(Locale.ROOT, "$%.2fM", v / 1e6) : String.format(Locale.ROOT, "$%,.0f", v);
    }

    /** A price range: $0.64M-$8.73M. */
    static String usdRange(double low, double high) {
        return usd(low) + "-" + usd(high);
    }

    /** A mass budget in one line. */
    static String mass(MassBudget m) {
        return String.format(Locale.ROOT, "%s kg (array %s, battery %s, radiators %s, boards %s, pumps and plumbing %s, "
                        + "structure and avionics %s); array %.1f kW (%.1f W/kg), compute %.1f kW (%.1f W/kg)",
                num(m.totalKg()), num(m.arrayKg()), num(m.batteryKg()), num(m.radiatorKg()), num(m.boardsKg()),
                num(m.coolingKg()), num(m.structureKg()), m.arrayRatedW() / 1000, m.arrayWPerKg(), m.computeW() / 1000,
                m.computeWPerKg());
    }
}
