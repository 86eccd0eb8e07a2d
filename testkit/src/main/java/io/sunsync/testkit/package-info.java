/**
 * Real servers on free loopback ports, for tests, benchmarks and the demo: HiveMQ CE embedded
 * ({@link io.sunsync.testkit.EmbeddedBroker}, zero set-up, MQTT 5), Mosquitto as a child process
 * ({@link io.sunsync.testkit.MosquittoBroker}, the production broker, with TLS, a password file and
 * an ACL when asked), and PostgreSQL made with {@code initdb} and run with {@code pg_ctl}
 * ({@link io.sunsync.testkit.PostgresServer}, the fleet archive's database), Debian's Chromium headless
 * through Selenium ({@link io.sunsync.testkit.HeadlessChromium}, the console's browser; Selenium is an
 * optional dependency the user declares), and a Java main as a child JVM on the caller's class path
 * ({@link io.sunsync.testkit.ChildJvm}, to be killed for real). All stop when closed. A distribution
 * tarball unpacked as an operator would, its launcher run ({@link io.sunsync.testkit.UnpackedDistribution});
 * what a test started, closed in reverse order after it ({@link io.sunsync.testkit.Closer}); the sim
 * hardware section of the satellite configs tests write ({@link io.sunsync.testkit.SimSatelliteConfig}).
 * Beside them, the one {@link io.sunsync.testkit.TestFiles#deleteTree} and
 * {@link io.sunsync.testkit.Digests#sha256Hex} that tests and benchmarks share, malformed configs for
 * fuzzing readers and the judging of what a reader made of them ({@link io.sunsync.testkit.ConfigFuzz}), how the
 * servers and tools find what is installed ({@link io.sunsync.testkit.InstalledTool}), and in
 * {@link io.sunsync.testkit.mqtt} their one MQTT 5 client.
 */
package io.sunsync.testkit;
