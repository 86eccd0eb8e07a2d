package io.sunsync.sim.fdyn;

import io.sunsync.orbit.ElementSet;
import java.time.Instant;

/**
 * Two-line elements fitted to the truth orbit, as a flight-dynamics team would issue them, in
 * both forms an uplink takes. Immutable.
 *
 * @param epoch        the elements' epoch (the end of the fit span), UTC
 * @param line1        TLE line 1 (69 characters, valid checksum)
 * @param line2        TLE line 2 (69 characters, valid checksum)
 * @param omm          the same elements as a CCSDS Orbit Mean-Elements Message (OMM 3.0, KVN text)
 * @param fitSpanS     length of the span of truth positions fitted, in s
 * @param fitPoints    number of positions fitted
 * @param fitRmsM      root-mean-square position residual of the fit, in m
 * @param bStarPerEarthRadius the fitted drag term B*, in 1/earth radii
 */
public record FittedElements(Instant epoch, String line1, String line2, String omm, double fitSpanS, int fitPoints,
                             double fitRmsM, double bStarPerEarthRadius) {

    /** The TLE as text: line 1, line 2, each ending with a newline. */
    public String tle() {
        return line1 + "\n" + line2 + "\n";
    }

    /** True when both lines carry the modulo-10 checksum the TLE format defines in their last column. */
    public boolean checksumsValid() {
        return checksumOk(line1) && checksumOk(line2);
    }

    private static boolean checksumOk(String line) {
        return line != null && line.length() == 69 && Character.isDigit(line.charAt(68))
                && ElementSet.checksum(line) == line.charAt(68) - '0';
    }
}
