package io.sunsync.ground.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.testkit.Digests;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builds the messages of a result downlink (docs/icd/downlink.md) as flight sends them, for tests. */
public final class ResultSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String sat;
    private final String job;
    private final int chunkBytes;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** A result of {@code job} with files of random bytes of the given sizes ({@code name=size}). */
    public ResultSender(String sat, String job, int chunkBytes, long seed, Map<String, Integer> sizes) {
        this.sat = sat;
        this.job = job;
        this.chunkBytes = chunkBytes;
        Random r = new Random(seed);
        sizes.forEach((name, size) -> {
            byte[] b = new byte[size];
            r.nextBytes(b);
            files.put(name, b);
        });
    }

    /** The bytes of file {@code name}. */
    public byte[] content(String name) {
        return files.get(name);
    }

    /** A message: its kind (manifest, chunk, eof) and body. */
    public record Msg(String kind, ObjectNode body) {
    }

    public ObjectNode manifest() {
        ObjectNode m = JSON.createObjectNode();
        m.put("sat", sat).put("job", job).put("t", "2027-06-21T01:00:03Z").put("finishedAt", "2027-06-21T01:00:00Z");
        m.put("chunkBytes", chunkBytes).put("totalBytes", files.values().stream().mapToLong(b -> b.length).sum());
        m.set("files", fileList());
        return m;
    }

    public ObjectNode eof(int attempt) {
        ObjectNode e = JSON.createObjectNode();
        e.put("sat", sat).put("job", job).put("t", "2027-06-21T01:00:09Z").put("attempt", attempt);
        e.set("files", fileList());
        return e;
    }

    private ArrayNode fileList() {
        ArrayNode a = JSON.createArrayNode();
        files.forEach((name, b) -> a.addObject().put("name", name).put("sizeBytes", b.length).put("sha256", Digests.sha256Hex(b))
                .put("chunks", (b.length + chunkBytes - 1) / chunkBytes));
        return a;
    }

    /** Every chunk of every file, in order. */
    public List<ObjectNode> chunks() {
        List<ObjectNode> out = new ArrayList<>();
        files.forEach((name, b) -> {
            int n = (b.length + chunkBytes - 1) / chunkBytes;
            for (int i = 0; i < n; i++) {
                byte[] part = Arrays.copyOfRange(b, i * chunkBytes, Math.min(b.length, (i + 1) * chunkBytes));
                ObjectNode c = JSON.createObjectNode();
                c.put("sat", sat).put("job", job).put("file", name).put("index", i).put("chunks", n)
                        .put("offset", (long) i * chunkBytes).put("sizeBytes", part.length).put("sha256", Digests.sha256Hex(part))
                        .put("data", Base64.getEncoder().encodeToString(part));
                out.add(c);
            }
        });
        return out;
    }
}
