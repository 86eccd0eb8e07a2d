/**
 * The SQLite backend of the archive store: one database file (WAL journal), the embedded default
 * for one operator with zero set-up. See {@link io.sunsync.ground.store.sqlite.SqliteStore}.
 */
package io.sunsync.ground.store.sqlite;
