package io.sunsync.sim.truth;

import java.time.Instant;

/**
 * The true physical state at one instant (not what the sensors read). Immutable.
 *
 * @param t               mission time
 * @param sunlit          outside Earth's shadow
 * @param latitudeDeg     sub-satellite latitude, in degrees
 * @param longitudeDeg    sub-satellite longitude, in degrees
 * @param arrayAvailableW array output available, in W
 * @param arrayPowerW     array output delivered, in W
 * @param curtailedW      available but shunted, in W
 * @param arrayTempC      array temperature, in °C
 * @param loadW           all loads carried, in W
 * @param boardsW         boards' draw, in W
 * @param batteryW        battery power at the bus, in W (+ charging)
 * @param batteryEnergyWh stored energy, in Wh
 * @param batterySocPct   state of charge, in %
 * @param busV            bus voltage, in V
 * @param boardsEnabled   boards running
 * @param boardsHung      boards hung
 * @param boardsOff       boards disabled or failed
 * @param boardsThrottled boards slowed down for temperature
 * @param maxBoardTempC   hottest board, in °C
 * @param minLoopC        coldest loop fluid, in °C
 * @param maxLoopC        hottest loop fluid, in °C
 * @param maxRadiatorC    hottest radiator, in °C
 * @param workUnits       cumulative work of all boards, in work units
 * @param linkUp          ground link available
 */
public record TruthSample(Instant t, boolean sunlit, double latitudeDeg, double longitudeDeg, double arrayAvailableW,
                          double arrayPowerW, double curtailedW, double arrayTempC, double loadW, double boardsW,
                          double batteryW, double batteryEnergyWh, double batterySocPct, double busV,
                          int boardsEnabled, int boardsHung, int boardsOff, int boardsThrottled, double maxBoardTempC,
                          double minLoopC, double maxLoopC, double maxRadiatorC, double workUnits, boolean linkUp) {
}
