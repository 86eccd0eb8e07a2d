package io.sunsync.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Malformed variants of a valid YAML config or scenario file, for fuzzing the readers: each
 * {@link #mutate} applies one to three random edits of the kinds an operator's slip, a bad merge
 * or a damaged file produce (hostile values, lines deleted or re-indented, unknown keys, scalars
 * turned into maps or lists, truncation, junk bytes). Deterministic for a seed; {@link #check}
 * judges what a reader made of one. Stateless and thread safe.
 */
public final class ConfigFuzz {
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:- )?)([A-Za-z][A-Za-z0-9_.-]*):(\\s*)(.*)$");
    private static final String[] HOSTILE_VALUES = {
        "-1", "0", "-0.0", "1e309", "-1e309", ".nan", ".inf", "-.inf", "NaN", "99999999999999999999999",
        "\"\"", "\"x\"", "~", "null", "true", "[]", "{}", "[1, 2]", "{a: 1}", "'", "\"unterminated",
        "!!binary AAAA", "*nowhere", "&anchor", "2027-13-45T99:99:99Z", "0x7fffffffffffffff", "\"\\u0000\"",
        "- item", "{{", "]]", "|", ">", "@", "`", "%TAG"
    };

    /** What a mutation did to the file. */
    public enum Kind {
        /** A scalar value replaced by a hostile one (wrong type, out of range, not YAML). */
        HOSTILE_VALUE,
        /** A scalar value replaced by a map or a list: the file's shape is wrong. */
        SCALAR_TO_STRUCTURE,
        /** A key nobody reads added beside an existing one. */
        UNKNOWN_KEY,
        /** A line deleted. */
        LINE_DELETED,
        /** A line indented more or less. */
        REINDENTED,
        /** The file cut off at a random point. */
        TRUNCATED,
        /** Junk characters inserted. */
        JUNK
    }

    /**
     * A malformed variant.
     *
     * @param text        the file's new text
     * @param kinds       the edits made, in order
     * @param description what was edited where (for a failing property's report)
     * @param unknownKey  the unknown key added (and still intact in {@code text}), or null
     */
    public record Mutation(String text, List<Kind> kinds, String description, String unknownKey) {
    }

    private ConfigFuzz() {
    }

    /** One to three random edits of {@code yaml}, chosen by {@code seed}. */
    public static Mutation mutate(String yaml, long seed) {
        Random r = new Random(seed);
        List<String> lines = new ArrayList<>(List.of(yaml.split("\n", -1)));
        List<Kind> kinds = new ArrayList<>();
        StringBuilder what = new StringBuilder();
        String unknown = null;
        int edits = 1 + r.nextInt(3);
        String tail = null;
        for (int e = 0; e < edits; e++) {
            Kind k = Kind.values()[r.nextInt(Kind.values().length)];
            List<Integer> kv = keyValueLines(lines);
            int at = kv.isEmpty() ? 0 : kv.get(r.nextInt(kv.size()));
            Matcher m = lines.isEmpty() ? null : KEY_VALUE.matcher(lines.get(Math.min(at, lines.size() - 1)));
            boolean keyed = m != null && m.matches();
            switch (k) {
                case HOSTILE_VALUE, SCALAR_TO_STRUCTURE -> {
                    if (!keyed || m.group(4).isBlank()) {
                        continue;
                    }
                    String v = k == Kind.HOSTILE_VALUE ? HOSTILE_VALUES[r.nextInt(HOSTILE_VALUES.length)]
                            : r.nextBoolean() ? "{fuzz: 1}" : "[1, 2, 3]";
                    lines.set(at, m.group(1) + m.group(2) + ": " + v);
                    what.append(k).append(' ').append(m.group(2)).append(" = ").append(v).append("; ");
                }
                case UNKNOWN_KEY -> {
                    if (!keyed) {
                        continue;
                    }
                    unknown = "fuzzUnknown" + r.nextInt(1000);
                    String indent = m.group(1).replace("- ", "  ");
                    lines.add(at + 1, indent + unknown + ": 1");
                    what.append(k).append(' ').append(unknown).append(" after ").append(m.group(2)).append("; ");
                }
                case LINE_DELETED -> {
                    if (lines.size() < 2) {
                        continue;
                    }
                    int i = r.nextInt(lines.size());
                    what.append(k).append(" '").append(lines.remove(i).strip()).append("'; ");
                }
                case REINDENTED -> {
                    if (!keyed) {
                        continue;
                    }
                    String line = lines.get(at);
                    lines.set(at, r.nextBoolean() ? "  " + line : line.replaceFirst("^ {1,2}", ""));
                    what.append(k).append(' ').append(m.group(2)).append("; ");
                }
                case TRUNCATED -> {
                    String joined = String.join("\n", lines);
                    int cut = joined.isEmpty() ? 0 : r.nextInt(joined.length());
                    tail = joined.substring(0, cut);
                    what.append(k).append(" at ").append(cut).append("; ");
                }
                case JUNK -> {
                    String joined = String.join("\n", lines);
                    int pos = joined.isEmpty() ? 0 : r.nextInt(joined.length());
                    StringBuilder junk = new StringBuilder();
                    for (int i = 1 + r.nextInt(8); i > 0; i--) {
                        junk.append((char) (r.nextBoolean() ? 33 + r.nextInt(94) : r.nextInt(0x3000)));
                    }
                    lines = new ArrayList<>(List.of((joined.substring(0, pos) + junk + joined.substring(pos)).split("\n", -1)));
                    what.append(k).append(" at ").append(pos).append("; ");
                }
                default -> throw new IllegalStateException(k.name());
            }
            kinds.add(k);
            if (tail != null) {
                break; // nothing after a cut
            }
        }
        String text = tail != null ? tail : String.join("\n", lines);
        if (unknown != null && !text.contains(unknown + ": 1")) {
            unknown = null; // cut off or broken by a later edit
        }
        return new Mutation(text, List.copyOf(kinds), what.toString().strip(), unknown);
    }

    private static List<Integer> keyValueLines(List<String> lines) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.strip().startsWith("#") && KEY_VALUE.matcher(l).matches()) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * What a reader's refusal of a file says.
     *
     * @param key     the key it names (dotted path)
     * @param reason  why, without the key
     * @param message the whole message
     */
    public record Refusal(String key, String reason, String message) {
    }

    /** Reads a config file as the code under test does. */
    @FunctionalInterface
    public interface Reader {
        /**
         * Reads {@code file}; returns whether the reader may leave an unknown key where the mutation
         * put it (a place whose keys another part reads later, e.g. a device's own options).
         */
        boolean read(Path file) throws Exception;
    }

    /**
     * Writes {@code m}'s text to a file named {@code fileName} in a folder of its own, reads it with
     * {@code reader} and judges the outcome: the file is refused with an exception that
     * {@code refusalOf} turns into a {@link Refusal} naming a key (the unknown key itself when that
     * was the only edit and the YAML still parses), or accepted with any unknown key in a place the
     * reader says it may stay. Any other exception is an {@link AssertionError} naming the edits.
     *
     * @param refusalOf the refusal an exception is, or null when it is none
     */
    public static void check(Mutation m, String fileName, Reader reader, Function<RuntimeException, Refusal> refusalOf)
            throws Exception {
        Path dir = Files.createTempDirectory("sunsync-config-fuzz-");
        try {
            Path file = dir.resolve(fileName);
            Files.writeString(file, m.text());
            boolean unknownKeyMayStay;
            try {
                unknownKeyMayStay = reader.read(file);
            } catch (RuntimeException e) {
                Refusal r = refusalOf.apply(e);
                if (r == null) {
                    throw new AssertionError("not a refusal after " + m.description() + ": " + e, e);
                }
                if (r.key() == null || r.key().isBlank()) {
                    throw new AssertionError("no key in '" + r.message() + "' after " + m.description());
                }
                if (m.unknownKey() != null && m.kinds().size() == 1 && !r.reason().startsWith("malformed YAML")
                        && !r.message().contains(m.unknownKey())) {
                    throw new AssertionError("'" + r.message() + "' does not name " + m.unknownKey() + " after "
                            + m.description());
                }
                return;
            }
            if (m.unknownKey() != null && !unknownKeyMayStay) {
                throw new AssertionError("an unknown key was accepted: " + m.description());
            }
        } finally {
            TestFiles.deleteTree(dir);
        }
    }
}
