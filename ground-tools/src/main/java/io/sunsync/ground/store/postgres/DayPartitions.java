package io.sunsync.ground.store.postgres;

import io.sunsync.ground.store.jdbc.StoreTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The day partitions of the partitioned tables ({@code hk}, {@code evt}): one per UTC day of
 * mission time, named {@code TABLE_dYYYYMMDD}, covering [day 00:00Z, next day 00:00Z), with
 * {@code toast_tuple_target = 128}, so a frame past the toast threshold is kept out of line and the
 * heap holds the key columns (queries of points read little; see the V2 migration). Made ahead of
 * time by upkeep and on demand before a batch that needs one; dropped whole by retention. Creating
 * and dropping take a transaction-scoped advisory lock, so workers on several hosts never race.
 *
 * <p>Threading: thread safe; remembers the partitions it has seen (a partition dropped by another
 * process is found missing when an insert fails, and made again).
 */
final class DayPartitions {
    /** The advisory lock key partition changes take ("sunsync-partitions"). */
    static final long LOCK_KEY = 0x73756e73796e63L;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Pattern NAME = Pattern.compile("([a-z_]+)_d(\\d{8})");

    private final DataSource pool;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    DayPartitions(DataSource pool) {
        this.pool = pool;
    }

    /** The partition of {@code table} for {@code day}. */
    static String name(StoreTable table, LocalDate day) {
        return table.table() + "_d" + SUFFIX.format(day);
    }

    /** The day of a partition name, or null if it is not one. */
    static LocalDate day(String partition) {
        Matcher m = NAME.matcher(partition);
        return m.matches() ? LocalDate.parse(m.group(2), SUFFIX) : null;
    }

    /**
     * Makes sure {@code table} has a partition for each of {@code days}.
     *
     * @return the partitions created
     */
    List<String> ensure(StoreTable table, Set<LocalDate> days) throws SQLException {
        List<LocalDate> missing = new ArrayList<>();
        for (LocalDate d : days) {
            if (!known.contains(name(table, d))) {
                missing.add(d);
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        missing.sort(null);
        List<String> created = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                for (LocalDate d : missing) {
                    String name = name(table, d);
                    if (!exists(c, name)) {
                        s.execute("CREATE TABLE " + name + " PARTITION OF " + table.table() + " FOR VALUES FROM ('" + d
                                + " 00:00:00+00') TO ('" + d.plusDays(1) + " 00:00:00+00') WITH (toast_tuple_target = 128)");
                        created.add(name);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        for (LocalDate d : missing) {
            known.add(name(table, d));
        }
        return created;
    }

    /** Forgets what it knew (after an insert found a partition missing). */
    void forget() {
        known.clear();
    }

    /** The partitions of {@code table}, oldest first. */
    List<String> list(StoreTable table) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return list(c, table);
        }
    }

    private static List<String> list(Connection c, StoreTable table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ? AND p.relnamespace = c.relnamespace"
                + " AND pg_table_is_visible(p.oid) ORDER BY c.relname")) {
            ps.setString(1, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * Drops the partitions of {@code table} for days before {@code keepFrom}.
     *
     * @return the partitions dropped
     */
    List<String> dropBefore(StoreTable table, LocalDate keepFrom) throws SQLException {
        List<String> dropped = new ArrayList<>();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                for (String p : list(c, table)) {
                    LocalDate d = day(p);
                    if (d != null && d.isBefore(keepFrom) && p.equals(name(table, d))) {
                        s.execute("DROP TABLE " + p);
                        dropped.add(p);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
        dropped.forEach(known::remove);
        return dropped;
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
