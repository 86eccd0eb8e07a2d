package io.sunsync.flight.link.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.testkit.Digests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ground's half of the results downlink, as docs/icd/downlink.md describes it: collects
 * manifests, chunks (checking each chunk's SHA-256) and eofs, and reassembles files (checking each
 * file's SHA-256). Chunks it is told to ignore are dropped on first arrival, to make holes.
 */
final class ResultReceiver {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, JsonNode> manifests = new ConcurrentHashMap<>();
    final Map<String, JsonNode> eofs = new ConcurrentHashMap<>();
    /** job → file → index → data. */
    final Map<String, Map<String, Map<Long, byte[]>>> chunks = new ConcurrentHashMap<>();
    final List<String> badChunks = new ArrayList<>();
    final Set<String> ignoreOnce = ConcurrentHashMap.newKeySet();
    long chunkMessages;

    /** Handles one message from {@code sunsync/{sat}/results/{job}/{kind}}. */
    synchronized void accept(String topic, byte[] payload) throws IOException {
        String[] parts = topic.split("/");
        String job = parts[3];
        String kind = parts[4];
        JsonNode n = JSON.readTree(payload);
        switch (kind) {
            case "manifest" -> manifests.put(job, n);
            case "eof" -> eofs.put(job, n);
            case "chunk" -> {
                chunkMessages++;
                String file = n.path("file").asText();
                long index = n.path("index").asLong();
                if (ignoreOnce.remove(job + "/" + file + "/" + index)) {
                    return;
                }
                byte[] data = Base64.getDecoder().decode(n.path("data").asText());
                if (data.length != n.path("sizeBytes").asInt() || !Digests.sha256Hex(data).equals(n.path("sha256").asText())) {
                    badChunks.add(job + "/" + file + "/" + index);
                    return;
                }
                chunks.computeIfAbsent(job, k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(file, k -> new TreeMap<>()).put(index, data);
            }
            default -> throw new IllegalStateException("unexpected results message " + topic);
        }
    }

    /** Chunk indices missing per file of {@code job}, by the eof's (or manifest's) chunk counts. */
    synchronized Map<String, List<Long>> missing(String job) {
        JsonNode desc = eofs.containsKey(job) ? eofs.get(job) : manifests.get(job);
        Map<String, List<Long>> out = new LinkedHashMap<>();
        if (desc == null) {
            return out;
        }
        for (JsonNode f : desc.path("files")) {
            String name = f.path("name").asText();
            Map<Long, byte[]> got = chunks.getOrDefault(job, Map.of()).getOrDefault(name, Map.of());
            List<Long> miss = new ArrayList<>();
            for (long i = 0; i < f.path("chunks").asLong(); i++) {
                if (!got.containsKey(i)) {
                    miss.add(i);
                }
            }
            if (!miss.isEmpty()) {
                out.put(name, miss);
            }
        }
        return out;
    }

    /** The reassembled file, or null while chunks are missing or its SHA-256 does not match. */
    synchronized byte[] file(String job, String name) {
        JsonNode desc = eofs.containsKey(job) ? eofs.get(job) : manifests.get(job);
        if (desc == null || !missing(job).isEmpty()) {
            return null;
        }
        for (JsonNode f : desc.path("files")) {
            if (f.path("name").asText().equals(name)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                chunks.getOrDefault(job, Map.of()).getOrDefault(name, Map.of()).values().forEach(out::writeBytes);
                byte[] bytes = out.toByteArray();
                return bytes.length == f.path("sizeBytes").asLong() && Digests.sha256Hex(bytes).equals(f.path("sha256").asText())
                        ? bytes : null;
            }
        }
        return null;
    }
}
