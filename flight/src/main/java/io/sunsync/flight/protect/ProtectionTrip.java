package io.sunsync.flight.protect;

import java.time.Instant;

/**
 * One trip of the fast power-protection path.
 *
 * @param at          mission time of the sample that showed it
 * @param trigger     what showed it
 * @param dischargeW  battery discharge at that sample, in W (NaN if unread)
 * @param projectedW  discharge projected {@code projectionS} ahead, in W (NaN if not projected)
 * @param arraySlopeWps the array's rate of change fitted over the window, in W/s (NaN if unknown)
 * @param busV        bus voltage at that sample, in V (NaN if unread)
 * @param boardsShed  boards that reached their safe state within the shed budget
 * @param boards      boards asked to
 * @param shedMs      wall time the shed took, in ms
 */
public record ProtectionTrip(Instant at, ProtectionTrigger trigger, double dischargeW, double projectedW,
                             double arraySlopeWps, double busV, int boardsShed, int boards, double shedMs) {
}
