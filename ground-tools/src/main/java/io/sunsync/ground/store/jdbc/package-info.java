/**
 * What the SQL backends share: the tables and how a record becomes a row
 * ({@link io.sunsync.ground.store.jdbc.StoreTable}), the read side written once over a small
 * dialect ({@link io.sunsync.ground.store.jdbc.JdbcHistory}), JSON values read back
 * ({@link io.sunsync.ground.store.jdbc.JsonText}) and SQL failures turned into store errors
 * ({@link io.sunsync.ground.store.jdbc.SqlFailures}). For backends only; callers use
 * {@link io.sunsync.ground.store}.
 */
package io.sunsync.ground.store.jdbc;
