package io.sunsync.hal.sysfs;

import io.sunsync.hal.FaultCode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A sysfs tree rooted at {@link #root()} ({@code /sys} on a board, a temp folder in tests):
 * reads and writes attributes and lists class folders, turning every I/O problem into a
 * {@link FaultCode} instead of an exception. Immutable and thread safe.
 *
 * <p>Error mapping: no such file → {@link FaultCode#SENSOR_MISSING}; {@code EACCES}/{@code EPERM}
 * → {@link FaultCode#SENSOR_PERMISSION}; anything else the kernel returns ({@code EIO},
 * {@code ENODATA}, {@code EAGAIN}, {@code EISDIR}...) → {@link FaultCode#SENSOR_IO_ERROR}.
 */
public final class SysfsTree {
    /** Sorts names the way a person expects: {@code hwmon2} before {@code hwmon10}. */
    public static final Comparator<String> NATURAL = SysfsTree::compareNatural;

    private final Path root;
    private final FileAccess access;

    /** A tree read with plain file access. */
    public SysfsTree(Path root) {
        this(root, FileAccess.DIRECT);
    }

    /** A tree read through {@code access} (tests use it to make a file fail like the kernel does). */
    public SysfsTree(Path root, FileAccess access) {
        this.root = Objects.requireNonNull(root, "root");
        this.access = Objects.requireNonNull(access, "access");
    }

    /** The folder that stands for {@code /sys}. */
    public Path root() {
        return root;
    }

    /** {@code root/rel}, e.g. {@code class/power_supply}. */
    public Path resolve(String rel) {
        return root.resolve(rel);
    }

    /** Reads {@code dir/attr}. Never throws. */
    public AttrRead read(Path dir, String attr) {
        return read(dir.resolve(attr));
    }

    /** Reads one attribute, trimmed of the kernel's trailing newline. Never throws. */
    public AttrRead read(Path file) {
        try {
            return new AttrRead(file, access.read(file).trim(), null, "");
        } catch (IOException e) {
            return new AttrRead(file, null, classify(e), describe(file, e));
        } catch (RuntimeException e) {
            // A misbehaving file system provider: still a fault, never an escape.
            return new AttrRead(file, null, FaultCode.SENSOR_IO_ERROR, file + ": " + e);
        }
    }

    /**
     * Writes one attribute. Never throws. A refusal (permission, {@code EINVAL} for a value the
     * driver does not accept, a missing attribute) is {@link FaultCode#COMMAND_REJECTED}.
     */
    public AttrWrite write(Path file, String value) {
        try {
            access.write(file, value);
            return AttrWrite.OK;
        } catch (IOException e) {
            return new AttrWrite(FaultCode.COMMAND_REJECTED, "write '" + value + "' to " + describe(file, e));
        } catch (RuntimeException e) {
            return new AttrWrite(FaultCode.COMMAND_REJECTED, "write '" + value + "' to " + file + ": " + e);
        }
    }

    /**
     * The entries of {@code dir} whose names pass {@code filter}, in natural order; empty when
     * the folder is missing or unreadable. Never throws.
     */
    public List<Path> list(Path dir, Predicate<String> filter) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> filter.test(p.getFileName().toString())).forEach(out::add);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString(), NATURAL));
        return out;
    }

    /** The entries of {@code root/rel} whose names pass {@code filter}; see {@link #list(Path, Predicate)}. */
    public List<Path> list(String rel, Predicate<String> filter) {
        return list(resolve(rel), filter);
    }

    /** Whether {@code path} exists (following links). Never throws. */
    public boolean exists(Path path) {
        try {
            return Files.exists(path);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The fault code for an I/O error the kernel (or the JDK on its behalf) raised. */
    public static FaultCode classify(IOException e) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return FaultCode.SENSOR_MISSING;
        }
        if (e instanceof AccessDeniedException) {
            return FaultCode.SENSOR_PERMISSION;
        }
        if (e instanceof CharacterCodingException) {
            return FaultCode.SENSOR_UNPARSABLE;
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason != null) {
            String r = reason.toLowerCase(Locale.ROOT);
            if (r.contains("permission denied") || r.contains("operation not permitted")) {
                return FaultCode.SENSOR_PERMISSION;
            }
            if (r.contains("no such file")) {
                return FaultCode.SENSOR_MISSING;
            }
        }
        return FaultCode.SENSOR_IO_ERROR;
    }

    private static String describe(Path file, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return file + ": " + reason;
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
