/**
 * The PostgreSQL backend of the archive store, for a fleet: schema migrations with Flyway
 * ({@code db/migration} resources under this package), housekeeping and events in tables
 * partitioned by mission day ({@link io.sunsync.ground.store.postgres.DayPartitions}), batches
 * written with {@code COPY} through pgjdbc's CopyManager into a staging table and moved in with
 * {@code INSERT … ON CONFLICT DO NOTHING}, one transaction per batch; connections pooled by
 * HikariCP. See {@link io.sunsync.ground.store.postgres.PostgresStore}.
 */
package io.sunsync.ground.store.postgres;
