package io.sunsync.flight.link.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides the stream and priority of an outgoing message from its topic. The stream is the topic
 * below the satellite's root ({@code sunsync/{sat}/tm/hk} is stream {@code tm/hk}), except that
 * everything under {@code results/} is the one stream {@code results} and everything under
 * {@code tc/ack/} (reports to commands' response topics) the one stream {@code tc/ack}; topics
 * outside the root are stream {@code other}. So the set of streams is fixed by the flight build,
 * never by topics someone outside chose. Default priorities: {@code evt} and {@code tc/...} {@link Priority#HIGH},
 * {@code results} {@link Priority#LOW}, everything else {@link Priority#NORMAL}; a priority set by
 * command ({@link #setPriority}) wins. Thread safe.
 */
public final class StreamRouting {
    /** Stream of every result message. */
    public static final String RESULTS = "results";
    /** Stream of every verification report, whatever response topic it goes to. */
    public static final String REPORTS = "tc/ack";
    /** Stream of topics outside the satellite's root. */
    public static final String OTHER = "other";

    private final String root;
    private final Map<String, Priority> overrides = new ConcurrentHashMap<>();

    /**
     * A stream and its priority.
     *
     * @param stream   stream name
     * @param priority drain priority
     */
    public record Route(String stream, Priority priority) {
    }

    /** @param topicRoot the satellite's topic root, e.g. {@code sunsync/sat-001/} */
    public StreamRouting(String topicRoot) {
        Objects.requireNonNull(topicRoot, "topicRoot");
        this.root = topicRoot.endsWith("/") ? topicRoot : topicRoot + "/";
    }

    /** The stream and priority of a message on {@code topic}. */
    public Route route(String topic) {
        String stream = stream(topic);
        return new Route(stream, priorityOf(stream));
    }

    /** The priority messages of {@code stream} get now. */
    public Priority priorityOf(String stream) {
        Priority override = overrides.get(stream);
        return override != null ? override : defaultPriority(stream);
    }

    /** The stream a topic belongs to. */
    public String stream(String topic) {
        if (!topic.startsWith(root) || topic.length() == root.length()) {
            return OTHER;
        }
        String rel = topic.substring(root.length());
        if (rel.equals(RESULTS) || rel.startsWith(RESULTS + "/")) {
            return RESULTS;
        }
        if (rel.startsWith(REPORTS + "/")) {
            return REPORTS;
        }
        return rel;
    }

    /**
     * Whether this routing makes a stream called {@code name}: false for a stream an older
     * build made that this one folds into another (e.g. {@code tc/ack/ground-7}, now part of
     * {@code tc/ack}).
     */
    public boolean makes(String name) {
        return name.equals(OTHER) || stream(root + name).equals(name);
    }

    /** The priority a stream has unless set by command. */
    public static Priority defaultPriority(String stream) {
        if (stream.equals("evt") || stream.equals("tc") || stream.startsWith("tc/")) {
            return Priority.HIGH;
        }
        if (stream.equals(RESULTS)) {
            return Priority.LOW;
        }
        return Priority.NORMAL;
    }

    /**
     * Sets the priority of {@code stream} (the downlink-priorities command). Applies to messages
     * queued from now on; those already queued keep their place. Order within the stream holds for
     * messages of the same priority.
     */
    public void setPriority(String stream, Priority priority) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(priority, "priority");
        overrides.put(stream, priority);
    }

    /** Removes a priority set by command. */
    public void clearPriority(String stream) {
        overrides.remove(stream);
    }

    /** The priorities set by command, by stream. */
    public Map<String, Priority> overrides() {
        return new TreeMap<>(overrides);
    }
}
