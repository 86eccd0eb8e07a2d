package io.sunsync.ground.jobs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A job spec file (docs/jobs.md), JSON or YAML, read into the JSON object {@code job.submit}
 * carries. The satellite's job runner checks the spec strictly; the ground checks only what it
 * must to address the job (an object with an {@code id}). Stateless.
 */
public final class JobSpecFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private JobSpecFile() {
    }

    /**
     * Reads {@code file} ({@code .json}, else YAML).
     *
     * @throws IllegalArgumentException naming the file and what is wrong
     */
    public static ObjectNode read(Path file) throws IOException {
        try {
            String text = Files.readString(file);
            return parse(text, file.getFileName().toString().endsWith(".json"), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        }
    }

    /**
     * Reads a spec from {@code text} (JSON when {@code json}, else YAML, which JSON also is).
     *
     * @param source what to call it in an error, e.g. the file name
     * @throws IllegalArgumentException naming {@code source} and what is wrong
     */
    public static ObjectNode parse(String text, boolean json, String source) {
        JsonNode n;
        try {
            n = json ? JSON.readTree(text) : YAML.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid JSON/YAML: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(source + ": a job spec is an object (docs/jobs.md)");
        }
        if (!n.path("id").isTextual() || !n.path("id").asText().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException(source + ": id: required, [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
        try {
            // YAML numbers and dates arrive as JSON values; round-trip through JSON for a plain tree.
            return (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
    }
}
