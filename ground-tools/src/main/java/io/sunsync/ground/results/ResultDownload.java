package io.sunsync.ground.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground side of one result's downlink (docs/icd/downlink.md, CFDP class 2 style): chunks are
 * checked against their SHA-256 and written at their offset into {@code DIR/JOB/.partial/}; each
 * chunk, once its bytes are written, is appended to {@code .partial/chunks.log} (the file list
 * and manifest go to {@code .partial/progress.json}, written atomically), so a download
 * interrupted on the ground, even by {@code kill -9}, resumes where it was: the caller
 * acknowledges a chunk to the broker only after {@link #accept} returned. When every chunk of every file is in, each file
 * is checked against its whole-file SHA-256 and moved into {@code DIR/JOB/}, with the manifest
 * beside it. A file that fails its check is started over. Chunks are self-describing, so a ground
 * that joins after the manifest loses nothing; the eof (repeated by flight until acknowledged)
 * names the files too.
 *
 * <p>Not thread safe: one thread feeds it.
 */
public final class ResultDownload implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final String job;
    private final Path dir;
    private final Path partial;
    private final Map<String, ResultFile> files = new LinkedHashMap<>();
    private final Map<String, BitSet> have = new TreeMap<>();
    private JsonNode manifest;
    private long bytesIn;
    private long totalBytes = -1;
    private long badChunks;
    private long duplicateChunks;
    private boolean complete;
    private io.sunsync.ground.archive.AppendFile chunkLog;

    /** What happened to a message. */
    public enum Outcome {
        /** The manifest (or an eof) told which files the result holds. */
        DESCRIBED,
        /** A new chunk, checked and written. */
        CHUNK_STORED,
        /** A chunk already in (a redelivered copy or a resend): ignored. */
        CHUNK_DUPLICATE,
        /** A chunk whose bytes do not match its SHA-256, or that does not fit its file: dropped (ask for it again). */
        CHUNK_BAD,
        /** Every file is in and matched its SHA-256: the result is in {@link #directory()}. */
        COMPLETE,
        /** An eof came and chunks are missing ({@link #missing()}). */
        INCOMPLETE,
        /** Not a message of this job. */
        IGNORED
    }

    /**
     * Opens (or resumes) the download of {@code job} into {@code outDir/job}.
     *
     * @throws IllegalArgumentException if the job id is not a safe name
     */
    public ResultDownload(Path outDir, String job) throws IOException {
        if (!job.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("job id '" + job + "' is not a valid result name");
        }
        this.job = job;
        this.dir = outDir.resolve(job);
        this.partial = dir.resolve(".partial");
        Files.createDirectories(partial);
        load();
        if (!complete) {
            loadChunkLog();
        }
    }

    private void load() throws IOException {
        Path progress = partial.resolve("progress.json");
        if (Files.exists(dir.resolve("manifest.json")) && !Files.exists(progress)) {
            manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
            describe(manifest.path("files"));
            complete = true;
            return;
        }
        if (!Files.exists(progress)) {
            return;
        }
        JsonNode p = JSON.readTree(progress.toFile());
        if (p.has("manifest")) {
            manifest = p.path("manifest");
            totalBytes = manifest.path("totalBytes").asLong(-1);
        }
        describe(p.path("files"));
    }

    /** Reads back the chunks already in (a torn last line, left by a kill, is cut off). */
    private void loadChunkLog() throws IOException {
        Path log = partial.resolve("chunks.log");
        chunkLog = new io.sunsync.ground.archive.AppendFile(log, false);
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split("\t");
            if (f.length == 3 && f[1].matches("\\d+") && f[2].matches("\\d+")) {
                if (!have.computeIfAbsent(f[0], k -> new BitSet()).get(Integer.parseInt(f[1]))) {
                    have.get(f[0]).set(Integer.parseInt(f[1]));
                    bytesIn += Long.parseLong(f[2]);
                }
            }
        }
    }

    /** Takes in a message on {@code sunsync/{sat}/results/{job}/{kind}}. */
    public Outcome accept(String kind, JsonNode msg) throws IOException {
        if (!job.equals(msg.path("job").asText())) {
            return Outcome.IGNORED;
        }
        return switch (kind) {
            case "manifest" -> {
                manifest = msg;
                totalBytes = msg.path("totalBytes").asLong(-1);
                describe(msg.path("files"));
                save();
                yield Outcome.DESCRIBED;
            }
            case "chunk" -> chunk(msg);
            case "eof" -> {
                describe(msg.path("files"));
                save();
                yield tryComplete();
            }
            default -> Outcome.IGNORED;
        };
    }

    private void describe(JsonNode list) {
        for (JsonNode f : list) {
            ResultFile rf = ResultFile.of(f);
            files.put(rf.name(), rf);
        }
        if (totalBytes < 0 && !files.isEmpty()) {
            totalBytes = files.values().stream().mapToLong(ResultFile::sizeBytes).sum();
        }
    }

    private Outcome chunk(JsonNode c) throws IOException {
        if (complete) {
            duplicateChunks++;
            return Outcome.CHUNK_DUPLICATE;
        }
        String file = c.path("file").asText("");
        int index = c.path("index").asInt(-1);
        long offset = c.path("offset").asLong(-1);
        if (!ResultFile.isSafePath(file) || index < 0 || offset < 0) {
            badChunks++;
            return Outcome.CHUNK_BAD;
        }
        BitSet b = have.computeIfAbsent(file, k -> new BitSet());
        if (b.get(index)) {
            duplicateChunks++;
            return Outcome.CHUNK_DUPLICATE;
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(c.path("data").asText(""));
        } catch (IllegalArgumentException e) {
            badChunks++;
            return Outcome.CHUNK_BAD;
        }
        ResultFile rf = files.get(file);
        boolean fits = data.length == c.path("sizeBytes").asLong(-1) && data.length > 0
                && (rf == null || (index < rf.chunks() && offset + data.length <= rf.sizeBytes()));
        if (!fits || !HEX.formatHex(sha256(data)).equals(c.path("sha256").asText())) {
            badChunks++;
            return Outcome.CHUNK_BAD;
        }
        Path target = partialFile(file);
        Files.createDirectories(target.getParent());
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            long pos = offset;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            ch.force(false);
        }
        chunkLog.appendLine(file + "\t" + index + "\t" + data.length);
        b.set(index);
        bytesIn += data.length;
        return Outcome.CHUNK_STORED;
    }

    /**
     * Finishes the result if every chunk is in: checks each file's SHA-256, moves the files into
     * place and writes the manifest. A file that does not match is started over.
     */
    public Outcome tryComplete() throws IOException {
        if (complete) {
            return Outcome.COMPLETE;
        }
        if (files.isEmpty() || !missing().isEmpty()) {
            return Outcome.INCOMPLETE;
        }
        List<String> corrupt = new ArrayList<>();
        for (ResultFile f : files.values()) {
            Path p = partialFile(f.name());
            if (f.sizeBytes() == 0) {
                Files.createDirectories(p.getParent());
                Files.write(p, new byte[0]);
            }
            if (Files.size(p) != f.sizeBytes() || !HEX.formatHex(sha256(p)).equals(f.sha256())) {
                corrupt.add(f.name());
            }
        }
        if (!corrupt.isEmpty()) {
            for (String name : corrupt) {
                BitSet gone = have.remove(name);
                Files.deleteIfExists(partialFile(name));
                bytesIn -= gone == null ? 0 : files.get(name).sizeBytes();
            }
            rewriteChunkLog();
            return Outcome.INCOMPLETE;
        }
        for (ResultFile f : files.values()) {
            Path target = dir.resolve(f.name());
            Files.createDirectories(target.getParent());
            move(partialFile(f.name()), target);
        }
        ObjectNode m = manifest != null && manifest.isObject() ? ((ObjectNode) manifest).deepCopy() : JSON.createObjectNode();
        m.put("job", job);
        m.set("files", JSON.valueToTree(files.values()));
        Path tmp = dir.resolve("manifest.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), m);
        move(tmp, dir.resolve("manifest.json"));
        chunkLog.close();
        deleteTree(partial);
        complete = true;
        return Outcome.COMPLETE;
    }

    /** The chunks not yet in, by file (every file described so far). */
    public Map<String, List<Integer>> missing() {
        Map<String, List<Integer>> out = new TreeMap<>();
        if (complete) {
            return out;
        }
        for (ResultFile f : files.values()) {
            BitSet b = have.getOrDefault(f.name(), new BitSet());
            List<Integer> gaps = new ArrayList<>();
            for (int i = b.nextClearBit(0); i < f.chunks(); i = b.nextClearBit(i + 1)) {
                gaps.add(i);
            }
            if (!gaps.isEmpty()) {
                out.put(f.name(), gaps);
            }
        }
        return out;
    }

    /** Writes which chunks are in (atomically). */
    public void save() throws IOException {
        if (complete) {
            return;
        }
        ObjectNode p = JSON.createObjectNode();
        p.put("job", job);
        if (manifest != null) {
            p.set("manifest", manifest);
        }
        p.set("files", JSON.valueToTree(files.values()));
        Path tmp = partial.resolve("progress.json.tmp");
        Files.write(tmp, JSON.writeValueAsBytes(p));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        move(tmp, partial.resolve("progress.json"));
    }

    /** The chunk log without the chunks of files that were started over. */
    private void rewriteChunkLog() throws IOException {
        chunkLog.close();
        Path log = partial.resolve("chunks.log");
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split("\t");
            if (f.length == 3 && have.containsKey(f[0])) {
                sb.append(line).append('\n');
            }
        }
        Path tmp = partial.resolve("chunks.log.tmp");
        Files.writeString(tmp, sb);
        move(tmp, log);
        chunkLog = new io.sunsync.ground.archive.AppendFile(log, false);
    }

    /** Closes the chunk log (a download may be reopened later). */
    @Override
    public void close() throws IOException {
        if (chunkLog != null) {
            chunkLog.close();
        }
    }

    private Path partialFile(String name) {
        return partial.resolve("files").resolve(name);
    }

    /** The result's folder. */
    public Path directory() {
        return dir;
    }

    /** True once the result is complete and verified. */
    public boolean isComplete() {
        return complete;
    }

    /** Bytes of verified chunks in. */
    public long bytesIn() {
        return bytesIn;
    }

    /** The result's size, in bytes, or -1 while unknown. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Chunks dropped for a bad checksum or shape. */
    public long badChunks() {
        return badChunks;
    }

    /** Chunks that came again. */
    public long duplicateChunks() {
        return duplicateChunks;
    }

    /** The files described so far. */
    public List<ResultFile> files() {
        return List.copyOf(files.values());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] sha256(byte[] data) {
        return digest().digest(data);
    }

    private static byte[] sha256(Path file) throws IOException {
        MessageDigest d = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        return d.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
