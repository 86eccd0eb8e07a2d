package io.sunsync.ground.archive;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one CSV dialect of the ground tools (archive files, {@code archive export},
 * {@code archive query --format csv}), written and read by jackson-dataformat-csv: one record per
 * physical line, RFC 4180 quoting (a value holding a comma, a double quote, a line break or a
 * backslash is quoted, a double quote inside doubled), and inside quotes a line feed written as
 * {@code \n}, a carriage return as {@code \r} and a backslash as {@code \\}, so that no record
 * spans lines (which is what lets the archive find and cut a torn last line after a crash) and
 * every value reads back as it was written. Other values are written as they are; the caller gives
 * numbers as the text it wants.
 *
 * <p>Stateless and thread safe (Jackson's readers and writers are immutable).
 */
public final class CsvLine {
    private static final CsvSchema DIALECT = CsvSchema.emptySchema().withEscapeChar('\\');
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(CsvGenerator.Feature.WRITE_LINEFEED_AFTER_LAST_ROW)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer(DIALECT).with(new LineBreakEscapes());
    private static final ObjectReader READER = MAPPER.readerFor(String[].class).with(DIALECT);

    private CsvLine() {
    }

    /** One CSV line of {@code values}, without a line terminator. */
    public static String format(List<String> values) {
        try {
            return WRITER.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException("a list of strings cannot be written as CSV", e);
        }
    }

    /**
     * The values of one CSV line written by {@link #format} (an empty line is one empty value).
     *
     * @throws IOException if {@code line} is not CSV (e.g. an unclosed quote), with Jackson's reason
     */
    public static List<String> parse(String line) throws IOException {
        if (line.isEmpty()) {
            return List.of("");
        }
        return List.of(READER.<String[]>readValue(line));
    }

    /** Line feed and carriage return as {@code \n} and {@code \r} (the schema's escape character before the letter). */
    private static final class LineBreakEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] codes = new int['\r' + 1];

        LineBreakEscapes() {
            codes['\n'] = 'n';
            codes['\r'] = 'r';
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return codes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
