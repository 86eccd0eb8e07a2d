/**
 * The satellite's own orbit knowledge: elements uplinked ({@code orbit.elements}) or fitted to
 * GNSS fixes, eclipses predicted on board with Orekit for the coming hours with an uncertainty
 * band, and the forecast stored durably ({@link io.sunsync.flight.orbit.ForecastStore}). The
 * component ({@link io.sunsync.flight.orbit.OrbitKnowledge}) runs in the planning rate group and
 * feeds the throttler's {@link io.sunsync.flight.throttle.EclipseForecaster}.
 */
package io.sunsync.flight.orbit;
