package io.sunsync.ground.store;

import io.sunsync.ground.profile.Secret;
import io.sunsync.ground.store.postgres.PostgresStore;
import io.sunsync.ground.store.sqlite.SqliteStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an archive store lives, as an operator writes it ({@code --db URL}), and the one place a
 * backend is chosen ({@link #open}).
 *
 * <ul>
 *   <li>SQLite: {@code sqlite:PATH}, {@code jdbc:sqlite:PATH}, or a path ending in {@code .db},
 *       {@code .sqlite} or {@code .sqlite3};</li>
 *   <li>PostgreSQL: {@code postgresql://[USER[:PASSWORD]@]HOST[:PORT][/DATABASE][?PARAM=V&…]}
 *       (libpq's URI; {@code postgres://} too) or {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?…]}.
 *       The password comes from, in order: the caller ({@code --db-password-file}, the profile),
 *       the URL, {@code $PGPASSWORD}. The port defaults to 5432, the database to the user's name.</li>
 * </ul>
 * Immutable; {@link #toString()} never shows the password.
 *
 * @param backend  which backend
 * @param jdbcUrl  the JDBC URL (no credentials)
 * @param user     the database user (PostgreSQL), or null
 * @param password the password (PostgreSQL), or null
 * @param file     the database file (SQLite), or null
 * @param display  the URL as shown to operators (no password)
 */
public record StoreUrl(StoreBackend backend, String jdbcUrl, String user, Secret password, Path file, String display) {
    private static final Logger LOG = LoggerFactory.getLogger(StoreUrl.class);
    private static final Pattern PG_URI = Pattern.compile(
            "(?:postgresql|postgres)://(?:([^:@/?]*)(?::([^@/?]*))?@)?(\\[[^]]+]|[^:/?]*)(?::(\\d+))?(?:/([^?]*))?(?:\\?(.*))?");
    private static final Pattern PG_JDBC = Pattern.compile(
            "jdbc:postgresql://(\\[[^]]+]|[^:/?]*)(?::(\\d+))?/([^?]*)(?:\\?(.*))?");
    private static final String FORMS = "a store URL is sqlite:PATH, a PATH ending in .db, "
            + "postgresql://USER@HOST[:PORT]/DATABASE or jdbc:postgresql://HOST[:PORT]/DATABASE";

    public StoreUrl {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * Reads a store URL.
     *
     * @param text    what the operator wrote
     * @param environ the environment ({@code PGPASSWORD}, and the user name default {@code USER})
     * @throws StoreException {@link StoreError#BAD_URL} saying which forms are understood
     */
    public static StoreUrl parse(String text, Map<String, String> environ) throws StoreException {
        if (text == null || text.isBlank()) {
            throw new StoreException(StoreError.BAD_URL, "no store URL: " + FORMS);
        }
        String s = text.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:") || lower.startsWith("jdbc:sqlite:")) {
            String path = s.substring(s.indexOf("sqlite:") + "sqlite:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            return sqlite(path);
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            Matcher m = PG_URI.matcher(s);
            if (!m.matches()) {
                throw new StoreException(StoreError.BAD_URL, "'" + mask(s) + "' is not a PostgreSQL URL: " + FORMS);
            }
            Map<String, String> params = params(m.group(6));
            String user = firstNonEmpty(decode(m.group(1)), params.remove("user"), environ.get("PGUSER"), environ.get("USER"));
            String pw = firstNonEmpty(decode(m.group(2)), params.remove("password"), null, null);
            String host = m.group(3) == null || m.group(3).isEmpty() ? "localhost" : m.group(3);
            int port = port(m.group(4), s);
            String db = firstNonEmpty(decode(m.group(5)), params.remove("dbname"), user, null);
            return postgres(host, port, db, params, user, pw, environ);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            Matcher m = PG_JDBC.matcher(s);
            if (!m.matches() || m.group(3).isEmpty()) {
                throw new StoreException(StoreError.BAD_URL, "'" + mask(s) + "' is not a PostgreSQL JDBC URL: " + FORMS);
            }
            Map<String, String> params = params(m.group(4));
            String user = firstNonEmpty(params.remove("user"), environ.get("PGUSER"), environ.get("USER"), null);
            String pw = params.remove("password");
            return postgres(m.group(1).isEmpty() ? "localhost" : m.group(1), port(m.group(2), s), decode(m.group(3)), params,
                    user, pw, environ);
        }
        if (lower.endsWith(".db") || lower.endsWith(".sqlite") || lower.endsWith(".sqlite3")) {
            return sqlite(s);
        }
        throw new StoreException(StoreError.BAD_URL, "'" + mask(s) + "' is not a store URL: " + FORMS);
    }

    /** The SQLite store in {@code file}. */
    public static StoreUrl sqlite(Path file) {
        return new StoreUrl(StoreBackend.SQLITE, "jdbc:sqlite:" + file, null, null, file, "sqlite:" + file);
    }

    private static StoreUrl sqlite(String path) throws StoreException {
        if (path.isBlank()) {
            throw new StoreException(StoreError.BAD_URL, "sqlite: needs a file path, e.g. sqlite:/srv/sunsync/archive.db");
        }
        return sqlite(Path.of(path));
    }

    private static StoreUrl postgres(String host, int port, String db, Map<String, String> params, String user, String pw,
                                     Map<String, String> environ) throws StoreException {
        if (db == null || db.isEmpty() || !db.matches("[^/\\s]{1,63}")) {
            throw new StoreException(StoreError.BAD_URL, "the PostgreSQL URL names no usable database: " + FORMS);
        }
        if (user == null || user.isEmpty()) {
            throw new StoreException(StoreError.BAD_URL, "the PostgreSQL URL names no user: " + FORMS);
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/')
                .append(db);
        String sep = "?";
        for (Map.Entry<String, String> e : params.entrySet()) {
            jdbc.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = "&";
        }
        String pwEnv = environ.get("PGPASSWORD");
        Secret secret = pw != null && !pw.isEmpty() ? new Secret(pw.toCharArray(), "the URL")
                : pwEnv != null && !pwEnv.isEmpty() ? new Secret(pwEnv.toCharArray(), "env PGPASSWORD") : null;
        return new StoreUrl(StoreBackend.POSTGRESQL, jdbc.toString(), user, secret, null,
                "postgresql://" + user + "@" + host + ":" + port + "/" + db);
    }

    /** The same URL with {@code secret} as the password (from a file or the profile, over the URL's). */
    public StoreUrl withPassword(Secret secret) {
        return new StoreUrl(backend, jdbcUrl, user, secret, file, display);
    }

    /**
     * Opens the store: the backend's schema is created or migrated to this build's version, and a
     * connection is tried at once, so a wrong address, user or password fails here with a clear
     * {@link StoreException} ({@link StoreError#UNREACHABLE}, {@link StoreError#AUTHENTICATION},
     * {@link StoreError#NO_DATABASE}).
     */
    public ArchiveStore open(StoreOptions options) throws StoreException {
        LOG.info("archive store: {} ({})", display, backend);
        return switch (backend) {
            case SQLITE -> SqliteStore.open(file, options);
            case POSTGRESQL -> PostgresStore.open(this, options);
        };
    }

    /** Opens the store with {@link StoreOptions#defaults()}. */
    public ArchiveStore open() throws StoreException {
        return open(StoreOptions.defaults());
    }

    @Override
    public String toString() {
        return display;
    }

    private static int port(String text, String url) throws StoreException {
        if (text == null || text.isEmpty()) {
            return 5432;
        }
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) {
            throw new StoreException(StoreError.BAD_URL, "port " + p + " in '" + mask(url) + "' is out of range");
        }
        return p;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String kv : query.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
            }
        }
        return out;
    }

    private static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String firstNonEmpty(String a, String b, String c, String d) {
        for (String s : new String[] {a, b, c, d}) {
            if (s != null && !s.isEmpty()) {
                return s;
            }
        }
        return null;
    }

    /** {@code url} with any password replaced by the mask, for messages. */
    static String mask(String url) {
        return url.replaceAll("(://[^:@/?]*:)[^@/?]*@", "$1" + Secret.MASK + "@")
                .replaceAll("(?i)(password=)[^&]*", "$1" + Secret.MASK);
    }
}
