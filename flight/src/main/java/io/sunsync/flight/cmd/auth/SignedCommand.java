package io.sunsync.flight.cmd.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A telecommand envelope split into what the MAC covers and the MAC itself. The signed bytes
 * are the {@code cmd} value exactly as it appears in the payload, from its opening '{' to its
 * matching '}' inclusive; flight never re-serialises them, so ground may format the object as
 * it likes. Duplicate keys anywhere make the payload malformed (so no parser can be fooled into
 * reading a different {@code cmd} from the one signed).
 *
 * @param kid    the key id the sender claims
 * @param signed the exact bytes of the {@code cmd} object
 * @param mac    the 32-byte MAC
 */
public record SignedCommand(int kid, byte[] signed, byte[] mac) {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final HexFormat HEX = HexFormat.of();

    /** Why an envelope could not be split. */
    public static final class EnvelopeException extends Exception {
        private final boolean malformed;

        EnvelopeException(boolean malformed, String message) {
            super(message);
            this.malformed = malformed;
        }

        /** True when the payload is not well-formed JSON; false when it is JSON of the wrong shape. */
        public boolean malformed() {
            return malformed;
        }
    }

    /**
     * Extracts kid, signed bytes and MAC from a UTF-8 JSON envelope
     * {@code {"v":1,"kid":N,"cmd":{...},"mac":"hex"}} (fields in any order).
     */
    public static SignedCommand parse(byte[] payload) throws EnvelopeException {
        int i = 0;
        while (i < payload.length && (payload[i] == ' ' || payload[i] == '\t' || payload[i] == '\r' || payload[i] == '\n')) {
            i++;
        }
        if (i >= payload.length || payload[i] != '{') {
            throw new EnvelopeException(true, "payload is not a UTF-8 JSON object");
        }
        Integer kid = null;
        byte[] signed = null;
        String macHex = null;
        try (JsonParser p = FACTORY.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new EnvelopeException(true, "payload is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "cmd" -> {
                        if (value != JsonToken.START_OBJECT) {
                            throw new EnvelopeException(false, "cmd must be an object");
                        }
                        long start = p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        long end = p.currentTokenLocation().getByteOffset() + 1;
                        if (start < 0 || end > payload.length || payload[(int) start] != '{' || payload[(int) end - 1] != '}') {
                            throw new EnvelopeException(true, "cannot locate the cmd bytes");
                        }
                        signed = Arrays.copyOfRange(payload, (int) start, (int) end);
                    }
                    case "kid" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new EnvelopeException(false, "kid must be an integer");
                        }
                        kid = p.getIntValue();
                    }
                    case "mac" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new EnvelopeException(false, "mac must be a string");
                        }
                        macHex = p.getText();
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new EnvelopeException(true, "trailing content after the envelope object");
            }
        } catch (IOException e) {
            // Jackson's message names the position, which helps the operator find the fault.
            throw new EnvelopeException(true, "not well-formed JSON: " + firstLine(e.getMessage()));
        }
        if (kid == null || signed == null || macHex == null) {
            throw new EnvelopeException(false, "envelope needs kid, cmd and mac");
        }
        if (!macHex.matches("[0-9a-f]{64}")) {
            throw new EnvelopeException(false, "mac must be 64 lower-case hex digits");
        }
        return new SignedCommand(kid, signed, HEX.parseHex(macHex));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
