package io.sunsync.ground.archive;

/**
 * The identity of an archived message, for dropping redelivered copies (QoS 1 delivers at
 * least once): (satellite, stream, sequence number), with a discriminator where sequence numbers
 * alone are not unique (a payload digest when there is no sequence number).
 *
 * @param sat           satellite id
 * @param stream        the stream the sequence number counts in
 * @param seq           the sequence number, or -1 when the message has none
 * @param discriminator what else tells copies apart ({@code ""} when the sequence number is enough)
 */
public record RecordKey(String sat, String stream, long seq, String discriminator) {
    public RecordKey {
        discriminator = discriminator == null ? "" : discriminator;
    }

    /** The key as one string (for SQLite's unique column). */
    public String text() {
        return sat + "|" + stream + "|" + seq + "|" + discriminator;
    }
}
