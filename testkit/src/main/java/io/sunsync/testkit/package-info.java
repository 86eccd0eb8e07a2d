/**
 * Real MQTT brokers on free loopback ports, for tests and the demo: HiveMQ CE embedded
 * ({@link io.sunsync.testkit.EmbeddedBroker}, zero set-up, MQTT 5) and Mosquitto as a child
 * process ({@link io.sunsync.testkit.MosquittoBroker}, the production broker, with TLS, a
 * password file and an ACL when asked). Both stop when closed.
 */
package io.sunsync.testkit;
