/**
 * The ground side of the MQTT 5 link: a connection that queues what it receives (never
 * working inside Paho's callback), manual acknowledgement for at-least-once storage, and TLS
 * from PEM files.
 */
package io.sunsync.ground.mqtt;
