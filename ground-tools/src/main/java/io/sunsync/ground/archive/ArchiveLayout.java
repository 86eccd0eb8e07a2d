package io.sunsync.ground.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where archive files live: {@code ROOT/SAT/KIND.YYYY-MM-DD.WRITER.PART.EXT}, e.g.
 * {@code archive/sat-001/hk.2027-06-21.archive.000.jsonl}. The date is the ground's UTC date of
 * reception; {@code WRITER} tells apart processes writing the same archive (fleet ingest
 * workers); {@code PART} counts size rotations within a day. Stateless.
 */
public final class ArchiveLayout {
    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z0-9_-]+)\\.(\\d{4}-\\d{2}-\\d{2})\\.([A-Za-z0-9_-]+)\\.(\\d{3,})\\.(jsonl|csv)");

    private ArchiveLayout() {
    }

    /**
     * One archive file's name, parsed.
     *
     * @param path   the file
     * @param sat    its satellite (its folder's name)
     * @param kind   hk, evt, …
     * @param day    ground UTC date of reception
     * @param writer the process that wrote it
     * @param part   rotation number within the day
     * @param ext    {@code jsonl} or {@code csv}
     */
    public record ArchiveFile(Path path, String sat, String kind, LocalDate day, String writer, int part, String ext) {
    }

    /** The file for these coordinates. */
    public static Path file(Path root, String sat, String kind, LocalDate day, String writer, int part, String ext) {
        return root.resolve(sat).resolve(String.format("%s.%s.%s.%03d.%s", kind, day, writer, part, ext));
    }

    /** Parses an archive file name, or null if {@code path} is not one. */
    public static ArchiveFile parse(Path path) {
        Matcher m = NAME.matcher(path.getFileName().toString());
        if (!m.matches() || path.getParent() == null) {
            return null;
        }
        return new ArchiveFile(path, path.getParent().getFileName().toString(), m.group(1), LocalDate.parse(m.group(2)),
                m.group(3), Integer.parseInt(m.group(4)), m.group(5));
    }

    /** The satellites with a folder under {@code root}, sorted. */
    public static List<String> satellites(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The archive files of {@code sat} with extension {@code ext} (any kind if {@code kind} is null), by day, writer, part. */
    public static List<ArchiveFile> files(Path root, String sat, String kind, String ext) throws IOException {
        Path dir = root.resolve(sat);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ArchiveFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(ArchiveLayout::parse).filter(f -> f != null && f.ext().equals(ext)
                    && (kind == null || f.kind().equals(kind))).forEach(out::add);
        }
        out.sort(Comparator.comparing(ArchiveFile::day).thenComparing(ArchiveFile::writer).thenComparingInt(ArchiveFile::part));
        return out;
    }

    /** True if {@code name} may name a writer or satellite folder. */
    public static boolean isSafeName(String name) {
        return name != null && name.matches("[A-Za-z0-9_-]{1,64}");
    }
}
