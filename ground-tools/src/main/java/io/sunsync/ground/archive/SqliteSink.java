package io.sunsync.ground.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Archive records in one SQLite database ({@code ROOT/archive.db}, WAL journal) shared by every
 * writer of the archive: table {@code records} with a unique de-duplication key, so a
 * redelivered copy is ignored even when another writer stored the original; view
 * {@code events} for the events. Each record commits on its own. Not thread safe.
 */
final class SqliteSink implements ArchiveSink {
    /** The database file name under the archive root. */
    static final String FILE = "archive.db";
    private final Connection db;
    private final PreparedStatement insert;

    SqliteSink(Path root) throws IOException {
        try {
            Files.createDirectories(root);
            db = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(FILE));
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS records(
                          id INTEGER PRIMARY KEY,
                          rx TEXT NOT NULL, sat TEXT NOT NULL, kind TEXT NOT NULL, stream TEXT NOT NULL,
                          seq INTEGER NOT NULL, t TEXT, topic TEXT NOT NULL, dedupe TEXT NOT NULL UNIQUE,
                          msg TEXT NOT NULL)""");
                s.execute("CREATE INDEX IF NOT EXISTS records_sat_kind_t ON records(sat, kind, t)");
                s.execute("""
                        CREATE VIEW IF NOT EXISTS events AS
                          SELECT rx, sat, t, json_extract(msg, '$.severity') AS severity,
                                 json_extract(msg, '$.source') AS source, json_extract(msg, '$.code') AS code,
                                 json_extract(msg, '$.message') AS message, json_extract(msg, '$.data') AS data
                          FROM records WHERE kind = 'evt'""");
            }
            insert = db.prepareStatement("INSERT OR IGNORE INTO records(rx, sat, kind, stream, seq, t, topic, dedupe, msg) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        } catch (SQLException e) {
            throw new IOException("cannot open the SQLite archive " + root.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(ArchiveRecord r) throws IOException {
        try {
            insert.setString(1, r.rx().toString());
            insert.setString(2, r.sat());
            insert.setString(3, r.kind());
            insert.setString(4, r.key().stream());
            insert.setLong(5, r.key().seq());
            insert.setString(6, r.t());
            insert.setString(7, r.topic());
            insert.setString(8, r.key().text());
            insert.setString(9, r.msg().toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IOException("SQLite archive: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            insert.close();
            db.close();
        } catch (SQLException e) {
            throw new IOException("SQLite archive: " + e.getMessage(), e);
        }
    }
}
