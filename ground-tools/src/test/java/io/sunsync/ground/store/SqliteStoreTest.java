package io.sunsync.ground.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.ground.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on SQLite, and what is SQLite's own: the file, legacy archives, schema versions. */
class SqliteStoreTest extends ArchiveStoreContract {
    @TempDir
    Path dir;

    @Override
    protected ArchiveStore openEmpty() throws Exception {
        return StoreUrl.parse("sqlite:" + dir.resolve("archive.db"), Map.of()).open();
    }

    @Test
    void aSecondStoreOnTheSameFileSeesWhatTheFirstWroteAndRefusesTheCopies() throws Exception {
        store.append(data.batch());
        try (ArchiveStore other = StoreUrl.parse(dir.resolve("archive.db").toString(), Map.of()).open()) {
            assertThat(other.append(StoreBatch.of(data.hk)).duplicates()).isEqualTo(data.hk.size());
            assertThat(other.records("sat-a", "hk", TimeRange.ALL, 1000)).hasSize(StoreDataset.FRAMES);
        }
    }

    @Test
    void aFileWrittenByANewerSchemaIsRefusedWithAClearError() throws Exception {
        store.close();
        store = null;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("archive.db"));
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> SqliteStore.open(dir.resolve("archive.db"), StoreOptions.defaults()))
                .isInstanceOf(StoreException.class).hasMessageContaining("schema version 99")
                .extracting(e -> ((StoreException) e).error()).isEqualTo(StoreError.SCHEMA);
    }

    @Test
    void anArchiveDbFromBeforeTheStoreIsCarriedOver() throws Exception {
        Path old = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE records(id INTEGER PRIMARY KEY, rx TEXT NOT NULL, sat TEXT NOT NULL, kind TEXT NOT NULL,"
                    + " stream TEXT NOT NULL, seq INTEGER NOT NULL, t TEXT, topic TEXT NOT NULL, dedupe TEXT NOT NULL UNIQUE,"
                    + " msg TEXT NOT NULL)");
            s.execute("CREATE VIEW events AS SELECT rx FROM records WHERE kind = 'evt'");
            var r = data.hk.get(0);
            s.execute("INSERT INTO records(rx, sat, kind, stream, seq, t, topic, dedupe, msg) VALUES ('" + r.rx() + "', '"
                    + r.sat() + "', 'hk', '" + r.key().stream() + "', " + r.key().seq() + ", '" + r.t() + "', '" + r.topic()
                    + "', '" + r.key().text() + "', '" + r.msg() + "')");
        }
        try (ArchiveStore s = StoreUrl.parse(old.toString(), Map.of()).open()) {
            assertThat(s.records(data.hk.get(0).sat(), "hk", TimeRange.ALL, 10)).singleElement()
                    .satisfies(r -> {
                        assertThat(r.key()).isEqualTo(data.hk.get(0).key());
                        assertThat(r.msg()).isEqualTo(data.hk.get(0).msg());
                    });
            assertThat(s.append(StoreBatch.of(data.hk.subList(0, 1))).duplicates()).isEqualTo(1);
        }
        // Opening again does not carry it over twice.
        try (ArchiveStore s = StoreUrl.parse(old.toString(), Map.of()).open()) {
            assertThat(s.stats().rows()).containsEntry("hk", 1L);
        }
    }
}
