package io.sunsync.flight.jobs.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sunsync.flight.jobs.journal.Journal;
import io.sunsync.hal.files.FileTrees;
import io.sunsync.hal.files.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finished jobs' results on disk, checksummed: {@code <root>/<jobId>/manifest.json} lists every
 * file under {@code <root>/<jobId>/files/} with its size and SHA-256. A result appears under
 * {@code root} only complete: it is assembled in the staging directory (files moved in, hashed,
 * forced to the device, manifest written and forced) and renamed into place. Every step can be
 * repeated after a crash ({@link #store} is idempotent). Deletion renames the result back into
 * staging before removing it, so a half-deleted result is never mistaken for a whole one.
 *
 * <p>Bounds (total bytes, when to refuse new work) are the job runner's policy; this class
 * enforces only the per-result limit. Threading: one owner; not thread safe.
 */
public final class ResultStore {
    /** The manifest's file name inside a result directory. */
    public static final String MANIFEST = "manifest.json";
    /** The files' directory name inside a result directory. */
    public static final String FILES = "files";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path root;
    private final Path staging;
    private final long maxBytesPerResult;

    /**
     * @param root               where finished results live
     * @param staging            scratch directory on the same file system (renames must be atomic)
     * @param maxBytesPerResult  largest result accepted, in bytes (&gt; 0)
     */
    public ResultStore(Path root, Path staging, long maxBytesPerResult) throws IOException {
        if (maxBytesPerResult <= 0) {
            throw new IllegalArgumentException("maxBytesPerResult must be > 0");
        }
        this.root = root;
        this.staging = staging;
        this.maxBytesPerResult = maxBytesPerResult;
        Files.createDirectories(root);
        Files.createDirectories(staging);
    }

    /** The directory holding a stored result's files. */
    public Path filesDir(String jobId) {
        return root.resolve(jobId).resolve(FILES);
    }

    /** True when a complete result (with its manifest) is stored for {@code jobId}. */
    public boolean contains(String jobId) {
        return Files.isRegularFile(root.resolve(jobId).resolve(MANIFEST));
    }

    /**
     * Moves the job's result directory {@code source} into the store and checksums it. If the
     * result is already stored (a repeat after a crash) its manifest is returned; if a previous
     * attempt moved the files into staging but crashed, that attempt is finished.
     *
     * @throws ResultStoreException when the result is empty, holds non-regular files or is too
     *                              large (the staging copy is removed), or an I/O error occurs
     *                              ({@link StoreFailure#IO_ERROR}: the files stay staged and a
     *                              later call with the same job finishes storing them)
     */
    public ResultManifest store(String jobId, String owner, Path source) throws ResultStoreException {
        Optional<ResultManifest> done = manifest(jobId);
        if (done.isPresent()) {
            return done.get();
        }
        Path stage = staging.resolve(jobId);
        Path stagedFiles = stage.resolve(FILES);
        try {
            if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(stage);
                Files.createDirectories(stage);
                Files.move(source, stagedFiles, StandardCopyOption.ATOMIC_MOVE);
            } else if (!Files.isDirectory(stagedFiles, LinkOption.NOFOLLOW_LINKS)) {
                throw new ResultStoreException(StoreFailure.EMPTY, "no result directory " + source, null);
            }
            List<ResultFile> files = new ArrayList<>();
            long total = 0;
            for (Path f : listTree(stagedFiles)) {
                long size = Files.size(f);
                total += size;
                if (total > maxBytesPerResult) {
                    throw new ResultStoreException(StoreFailure.TOO_LARGE, "result larger than " + maxBytesPerResult + " bytes", null);
                }
                files.add(new ResultFile(relative(stagedFiles, f), size, sha256AndForce(f)));
            }
            if (files.isEmpty()) {
                throw new ResultStoreException(StoreFailure.EMPTY, "the job wrote no result file", null);
            }
            files.sort(Comparator.comparing(ResultFile::path));
            ResultManifest manifest = new ResultManifest(jobId, owner, files, total);
            Path tmp = stage.resolve(MANIFEST + ".tmp");
            Files.write(tmp, MAPPER.writeValueAsBytes(manifest));
            try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                c.force(true);
            }
            Files.move(tmp, stage.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
            forceDirs(stagedFiles);
            Journal.forceDirectory(stage);
            Files.move(stage, root.resolve(jobId), StandardCopyOption.ATOMIC_MOVE);
            Journal.forceDirectory(root);
            Journal.forceDirectory(staging);
            return manifest;
        } catch (ResultStoreException e) {
            deleteQuietly(stage);
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e instanceof NotRegular || e instanceof RuntimeException) {
                deleteQuietly(stage);
                if (e instanceof NotRegular) {
                    throw new ResultStoreException(StoreFailure.NOT_REGULAR_FILE, e.getMessage(), e);
                }
            } else {
                // An I/O error (a full or failing disk) is worth another try: the files already moved
                // into staging stay there and the next call finishes storing them (deleting them
                // here lost the result; found by the process-level soak).
                try {
                    Files.deleteIfExists(stage.resolve(MANIFEST + ".tmp"));
                } catch (IOException ignored) {
                    // overwritten by the next attempt
                }
            }
            throw new ResultStoreException(StoreFailure.IO_ERROR, "cannot store result of " + jobId + ": " + e, e);
        }
    }

    /** The stored manifest of {@code jobId}, if its result is complete. */
    public Optional<ResultManifest> manifest(String jobId) {
        Path file = root.resolve(jobId).resolve(MANIFEST);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), ResultManifest.class));
        } catch (IOException e) {
            return Optional.empty(); // a damaged manifest: the result does not verify
        }
    }

    /**
     * Checks a stored result against {@code expected} (the journal's copy of its manifest):
     * the same files, sizes and SHA-256. Returns the problems found, empty when it verifies.
     */
    public List<String> verify(String jobId, ResultManifest expected) {
        return verifyFiles(filesDir(jobId), expected);
    }

    /**
     * A cheap check for start-up: the stored manifest is {@code expected} and every file is there
     * with its size (no hashing: that is done when the result is opened for downlink). Returns
     * the problems found, empty when it passes.
     */
    public List<String> checkPresent(String jobId, ResultManifest expected) {
        Optional<ResultManifest> stored = manifest(jobId);
        if (stored.isEmpty()) {
            return List.of("result missing from the store");
        }
        if (!stored.get().equals(expected)) {
            return List.of("stored manifest differs from the journal's");
        }
        List<String> problems = new ArrayList<>();
        Path dir = filesDir(jobId);
        for (ResultFile f : expected.files()) {
            try {
                long size = Files.size(dir.resolve(f.path()));
                if (size != f.sizeBytes()) {
                    problems.add(f.path() + ": size " + size + " != " + f.sizeBytes());
                }
            } catch (IOException e) {
                problems.add(f.path() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Checks the files under {@code filesDir} against {@code expected}; empty when they match. */
    public static List<String> verifyFiles(Path filesDir, ResultManifest expected) {
        List<String> problems = new ArrayList<>();
        List<Path> present;
        try {
            present = listTree(filesDir);
        } catch (IOException e) {
            return List.of("cannot list " + filesDir + ": " + e.getMessage());
        }
        if (present.size() != expected.files().size()) {
            problems.add("expected " + expected.files().size() + " files, found " + present.size());
        }
        for (ResultFile f : expected.files()) {
            Path p = filesDir.resolve(f.path());
            try {
                long size = Files.size(p);
                if (size != f.sizeBytes()) {
                    problems.add(f.path() + ": size " + size + " != " + f.sizeBytes());
                } else if (!Sha256.hex(p).equals(f.sha256())) {
                    problems.add(f.path() + ": SHA-256 mismatch");
                }
            } catch (IOException e) {
                problems.add(f.path() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Removes a stored result (after the ground acknowledged it, or an orphan). */
    public void delete(String jobId) throws IOException {
        Path dir = root.resolve(jobId);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path doomed = staging.resolve(jobId + ".deleting");
        deleteTree(doomed);
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
        Journal.forceDirectory(root);
        deleteTree(doomed);
    }

    /** Ids of every complete result on disk. */
    public List<String> storedIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p.resolve(MANIFEST))) {
                    ids.add(p.getFileName().toString());
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    /** Directories under the root that are not complete results (left by a crash). */
    public List<Path> incomplete() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (!Files.isRegularFile(p.resolve(MANIFEST))) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Empties the staging directory (start-up clean-up; nothing there is a finished result). */
    public void clearStaging() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(staging)) {
            for (Path p : ds) {
                deleteTree(p);
            }
        }
    }

    private static String sha256AndForce(Path file) throws IOException {
        String sum = Sha256.hex(file);
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            c.force(true); // the job wrote it; make it durable before we call it a result
        }
        return sum;
    }

    /** Regular files under {@code dir}, depth first; anything else is refused. */
    private static List<Path> listTree(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<IOException> bad = new ArrayList<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(file);
                } else {
                    bad.add(new IOException(file + " is not a regular file"));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (!bad.isEmpty()) {
            throw new NotRegular(bad.get(0).getMessage());
        }
        files.sort(null);
        return files;
    }

    private static final class NotRegular extends IOException {
        NotRegular(String message) {
            super(message);
        }
    }

    private static String relative(Path base, Path file) {
        return base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    private static void forceDirs(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(Journal::forceDirectory);
        }
    }

    /**
     * Deletes a file tree without following links; missing is fine. The same as
     * {@link FileTrees#deleteTree}, kept here for the job runner's callers.
     */
    public static void deleteTree(Path dir) throws IOException {
        FileTrees.deleteTree(dir);
    }

    private static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException ignored) {
            // cleared at the next start
        }
    }
}
