package io.sunsync.ground.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One file of a downlinked result, as its manifest and eof describe it.
 *
 * @param name      path relative to the result, {@code /}-separated, no {@code .} or {@code ..} segments
 * @param sizeBytes its size, in bytes
 * @param sha256    SHA-256 of the whole file, lower-case hex
 * @param chunks    how many chunks carry it (0 for an empty file)
 */
public record ResultFile(String name, long sizeBytes, String sha256, int chunks) {
    private static final String SEGMENT = "[A-Za-z0-9_-][A-Za-z0-9._-]*";

    public ResultFile {
        Objects.requireNonNull(name, "name");
        if (!isSafePath(name)) {
            throw new IllegalArgumentException("file name '" + name + "' is not a safe relative path");
        }
        if (sizeBytes < 0 || chunks < 0) {
            throw new IllegalArgumentException("file " + name + ": negative size or chunk count");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("file " + name + ": sha256 is not 64 lower-case hex digits");
        }
    }

    /** True for a relative path the ICD allows (so a result can never write outside its folder). */
    public static boolean isSafePath(String name) {
        return name.length() <= 255 && name.matches(SEGMENT + "(/" + SEGMENT + ")*");
    }

    /** Reads one entry of a manifest's or eof's {@code files}. */
    static ResultFile of(JsonNode f) {
        return new ResultFile(f.path("name").asText(""), f.path("sizeBytes").asLong(-1), f.path("sha256").asText(""),
                f.path("chunks").asInt(-1));
    }
}
