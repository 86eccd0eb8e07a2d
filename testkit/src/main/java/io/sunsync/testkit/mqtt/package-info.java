/**
 * The one MQTT 5 client of tests, benchmarks and campaigns ({@link io.sunsync.testkit.mqtt.TestMqttClient}):
 * it connects to a {@link io.sunsync.testkit.Broker} (or any broker URL) with the options a test names,
 * publishes with MQTT 5 properties ({@link io.sunsync.testkit.mqtt.PublishProperties}), subscribes,
 * keeps what arrives ({@link io.sunsync.testkit.mqtt.Message}) and waits for it with Awaitility. A ground
 * that adds domain behaviour (signing commands, de-duplicating by sequence number, reassembling results)
 * is built on top of it, never on a second Paho set-up. Paho and Awaitility are optional dependencies of
 * testkit: a module that uses this package declares both.
 */
package io.sunsync.testkit.mqtt;
