/**
 * The navigation capability: a GNSS receiver's position, velocity and time
 * ({@link io.sunsync.hal.nav.NavigationReceiver}, {@link io.sunsync.hal.nav.NavigationFix}), with
 * the checks every backend applies ({@link io.sunsync.hal.nav.NavigationChecks}). Optional in a
 * satellite's config. Backends: {@code RemoteNavigationReceiver} (hardware in the loop),
 * {@code SimNavigationReceiver} (in sim-harness).
 */
package io.sunsync.hal.nav;
