package io.sunsync.ground.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sunsync.ground.results.ResultDownload.Outcome;
import io.sunsync.ground.testing.ResultSender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultDownloadTest {
    @TempDir
    Path out;

    private static ResultSender result() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("data.bin", 10_000);
        sizes.put("logs/run.log", 1024);
        sizes.put("empty.txt", 0);
        return new ResultSender("sat-001", "job-42", 1024, 7, sizes);
    }

    @Test
    void chunksInAnyOrderWithCopiesMakeTheVerifiedFiles() throws Exception {
        ResultSender r = result();
        ResultDownload d = new ResultDownload(out, "job-42");
        assertThat(d.accept("manifest", r.manifest())).isEqualTo(Outcome.DESCRIBED);
        List<ObjectNode> chunks = new ArrayList<>(r.chunks());
        Collections.shuffle(chunks, new Random(3));
        for (ObjectNode c : chunks) {
            assertThat(d.accept("chunk", c)).isEqualTo(Outcome.CHUNK_STORED);
        }
        assertThat(d.accept("chunk", chunks.get(0))).isEqualTo(Outcome.CHUNK_DUPLICATE);
        assertThat(d.accept("eof", r.eof(1))).isEqualTo(Outcome.COMPLETE);
        assertThat(Files.readAllBytes(out.resolve("job-42/data.bin"))).isEqualTo(r.content("data.bin"));
        assertThat(Files.readAllBytes(out.resolve("job-42/logs/run.log"))).isEqualTo(r.content("logs/run.log"));
        assertThat(out.resolve("job-42/empty.txt")).isEmptyFile();
        assertThat(out.resolve("job-42/manifest.json")).exists();
        assertThat(out.resolve("job-42/.partial")).doesNotExist();
        assertThat(d.bytesIn()).isEqualTo(11_024);
    }

    @Test
    void aChunkThatFailsItsChecksumIsDroppedAndAskedForAgain() throws Exception {
        ResultSender r = result();
        ResultDownload d = new ResultDownload(out, "job-42");
        d.accept("manifest", r.manifest());
        List<ObjectNode> chunks = r.chunks();
        ObjectNode bad = chunks.get(3).deepCopy();
        String data = bad.path("data").asText();
        bad.put("data", (data.charAt(0) == 'A' ? "B" : "A") + data.substring(1));
        assertThat(d.accept("chunk", bad)).isEqualTo(Outcome.CHUNK_BAD);
        for (int i = 0; i < chunks.size(); i++) {
            if (i != 3) {
                d.accept("chunk", chunks.get(i));
            }
        }
        assertThat(d.accept("eof", r.eof(1))).isEqualTo(Outcome.INCOMPLETE);
        assertThat(d.missing()).containsExactly(Map.entry("data.bin", List.of(3)));
        assertThat(d.accept("chunk", chunks.get(3))).isEqualTo(Outcome.CHUNK_STORED);
        assertThat(d.tryComplete()).isEqualTo(Outcome.COMPLETE);
        assertThat(d.badChunks()).isEqualTo(1);
        assertThat(Files.readAllBytes(out.resolve("job-42/data.bin"))).isEqualTo(r.content("data.bin"));
    }

    @Test
    void anInterruptedDownloadResumesFromWhatIsOnDisk() throws Exception {
        ResultSender r = result();
        List<ObjectNode> chunks = r.chunks();
        ResultDownload first = new ResultDownload(out, "job-42");
        first.accept("manifest", r.manifest());
        for (int i = 0; i < 6; i++) {
            first.accept("chunk", chunks.get(i));
        }
        first.save();
        // The ground process stops here; a new one opens the same download.
        ResultDownload second = new ResultDownload(out, "job-42");
        assertThat(second.bytesIn()).isEqualTo(6 * 1024);
        assertThat(second.missing().get("data.bin")).containsExactly(6, 7, 8, 9);
        assertThat(second.accept("chunk", chunks.get(2))).isEqualTo(Outcome.CHUNK_DUPLICATE);
        for (int i = 6; i < chunks.size(); i++) {
            second.accept("chunk", chunks.get(i));
        }
        assertThat(second.accept("eof", r.eof(2))).isEqualTo(Outcome.COMPLETE);
        assertThat(Files.readAllBytes(out.resolve("job-42/data.bin"))).isEqualTo(r.content("data.bin"));
        assertThat(new ResultDownload(out, "job-42").isComplete()).isTrue();
    }

    @Test
    void aGroundThatMissedTheManifestCompletesFromTheChunksAndTheEof() throws Exception {
        ResultSender r = result();
        ResultDownload d = new ResultDownload(out, "job-42");
        for (ObjectNode c : r.chunks()) {
            d.accept("chunk", c);
        }
        assertThat(d.accept("eof", r.eof(3))).isEqualTo(Outcome.COMPLETE);
        assertThat(Files.readAllBytes(out.resolve("job-42/logs/run.log"))).isEqualTo(r.content("logs/run.log"));
    }

    @Test
    void aFileThatFailsItsWholeChecksumIsStartedOver() throws Exception {
        ResultSender r = result();
        ResultDownload d = new ResultDownload(out, "job-42");
        d.accept("manifest", r.manifest());
        for (ObjectNode c : r.chunks()) {
            d.accept("chunk", c);
        }
        // Bit rot in the partial file on the ground's disk before the eof.
        Path partial = out.resolve("job-42/.partial/files/data.bin");
        byte[] b = Files.readAllBytes(partial);
        b[5000] ^= 1;
        Files.write(partial, b);
        assertThat(d.accept("eof", r.eof(1))).isEqualTo(Outcome.INCOMPLETE);
        assertThat(d.missing().get("data.bin")).hasSize(10);
        assertThat(d.missing()).doesNotContainKey("logs/run.log");
    }

    @Test
    void unsafeNamesNeverWriteOutsideTheResult() throws Exception {
        ResultDownload d = new ResultDownload(out, "job-42");
        ObjectNode c = result().chunks().get(0);
        c.put("file", "../escape.bin");
        assertThat(d.accept("chunk", c)).isEqualTo(Outcome.CHUNK_BAD);
        assertThat(out.resolve("escape.bin")).doesNotExist();
        assertThatThrownBy(() -> new ResultDownload(out, "../x")).isInstanceOf(IllegalArgumentException.class);
        ObjectNode other = result().chunks().get(0);
        other.put("job", "job-43");
        assertThat(d.accept("chunk", other)).isEqualTo(Outcome.IGNORED);
    }
}
