package io.sunsync.flight.jobs.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {
    @TempDir
    Path dir;
    ResultStore store;
    Path source;

    @BeforeEach
    void setUp() throws Exception {
        store = new ResultStore(dir.resolve("results"), dir.resolve("staging"), 10_000);
        source = dir.resolve("job").resolve("result");
        Files.createDirectories(source.resolve("a"));
        Files.writeString(source.resolve("out.txt"), "hello");
        Files.writeString(source.resolve("a").resolve("b.txt"), "world");
    }

    @Test
    void aResultTheFullDiskKeptFromBeingStoredIsStoredWholeByTheNextAttempt() throws Exception {
        try (io.sunsync.testkit.TmpfsVolume volume = io.sunsync.testkit.TmpfsVolume.mount(dir.resolve("vol"), 1 << 20)) {
            ResultStore onVolume = new ResultStore(volume.dir().resolve("results"), volume.dir().resolve("staging"), 10_000);
            Path result = volume.dir().resolve("job").resolve("result");
            Files.createDirectories(result);
            Files.writeString(result.resolve("out.txt"), "hello");
            volume.fill();

            ResultStoreException full = catchThrowableOfType(() -> onVolume.store("j9", "me", result),
                    ResultStoreException.class);
            assertThat(full.failure()).isEqualTo(StoreFailure.IO_ERROR);
            volume.release();
            ResultManifest m = onVolume.store("j9", "me", result);

            assertThat(m.files()).containsExactly(
                    new ResultFile("out.txt", 5, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
            assertThat(onVolume.verify("j9", m)).isEmpty();
        }
    }

    @Test
    void aStoredResultHasAManifestWithSizesAndSha256() throws Exception {
        ResultManifest m = store.store("j1", "me", source);

        assertThat(m.files()).containsExactly(
                new ResultFile("a/b.txt", 5, "486ea46224d1bb4fb680f34f7c9ad96a8f24ec88be73ea8e5a6c65260e9cb8a7"),
                new ResultFile("out.txt", 5, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"));
        assertThat(m.totalBytes()).isEqualTo(10);
        assertThat(source).doesNotExist();
        assertThat(store.manifest("j1")).contains(m);
        assertThat(store.verify("j1", m)).isEmpty();
        assertThat(store.storedIds()).containsExactly("j1");
    }

    @Test
    void storingAgainAfterACrashReturnsTheSameManifest() throws Exception {
        ResultManifest m = store.store("j1", "me", source);

        assertThat(store.store("j1", "me", source)).isEqualTo(m);
    }

    @Test
    void aStoreInterruptedAfterMovingTheFilesIsFinishedLater() throws Exception {
        Path staged = dir.resolve("staging").resolve("j2").resolve(ResultStore.FILES);
        Files.createDirectories(staged.getParent());
        Files.move(source, staged); // as if the runner died right after the move

        ResultManifest m = store.store("j2", "me", source);

        assertThat(m.files()).hasSize(2);
        assertThat(store.verify("j2", m)).isEmpty();
    }

    @Test
    void changedOrMissingFilesFailVerification() throws Exception {
        ResultManifest m = store.store("j1", "me", source);
        Files.writeString(store.filesDir("j1").resolve("out.txt"), "hellO");
        assertThat(store.verify("j1", m)).singleElement().asString().contains("SHA-256 mismatch");

        Files.delete(store.filesDir("j1").resolve("a").resolve("b.txt"));
        assertThat(store.verify("j1", m)).hasSize(3);
    }

    @Test
    void emptyOversizedOrLinkedResultsAreRefusedWithACode() throws Exception {
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertThat(catchThrowableOfType(ResultStoreException.class, () -> store.store("e", "me", empty)).failure())
                .isEqualTo(StoreFailure.EMPTY);

        Path big = dir.resolve("big");
        Files.createDirectories(big);
        Files.write(big.resolve("x"), new byte[10_001]);
        assertThat(catchThrowableOfType(ResultStoreException.class, () -> store.store("b", "me", big)).failure())
                .isEqualTo(StoreFailure.TOO_LARGE);

        Path linked = dir.resolve("linked");
        Files.createDirectories(linked);
        Files.createSymbolicLink(linked.resolve("passwd"), Path.of("/etc/passwd"));
        assertThat(catchThrowableOfType(ResultStoreException.class, () -> store.store("l", "me", linked)).failure())
                .isEqualTo(StoreFailure.NOT_REGULAR_FILE);

        assertThat(store.storedIds()).isEmpty();
        assertThat(dir.resolve("staging")).isEmptyDirectory();
    }

    @Test
    void deleteRemovesTheResult() throws Exception {
        store.store("j1", "me", source);

        store.delete("j1");

        assertThat(store.contains("j1")).isFalse();
        assertThat(dir.resolve("results").resolve("j1")).doesNotExist();
    }
}
