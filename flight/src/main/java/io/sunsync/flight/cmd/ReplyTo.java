package io.sunsync.flight.cmd;

/**
 * Where a command's verification reports go.
 *
 * @param topic           MQTT topic (the command's response topic, or {@code sunsync/{sat}/tc/ack})
 * @param correlationData MQTT 5 correlation data to echo, or null
 */
public record ReplyTo(String topic, byte[] correlationData) {
}
