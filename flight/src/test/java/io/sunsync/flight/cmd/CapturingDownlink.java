package io.sunsync.flight.cmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.link.Downlink;
import io.sunsync.flight.link.OutboundMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A downlink that keeps what it is given, so tests assert on the history. Thread safe. */
final class CapturingDownlink implements Downlink {
    private static final ObjectMapper JSON = new ObjectMapper();
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(OutboundMessage message) {
        sent.add(message);
    }

    /** Bodies of the messages sent to topics ending in {@code suffix}. */
    List<JsonNode> on(String suffix) {
        return sent.stream().filter(m -> m.topic().endsWith(suffix)).map(m -> parse(m.payload())).toList();
    }

    /** Every verification report, in order. */
    List<JsonNode> reports() {
        return sent.stream().filter(m -> m.topic().contains("/tc/ack")).map(m -> parse(m.payload())).toList();
    }

    static JsonNode parse(byte[] b) {
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        sent.clear();
    }
}
