package io.sunsync.ground.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any row of values survives a CSV line and back, on one physical line, whatever the values hold. */
class CsvLineProperties {
    /** Values made of the characters CSV and the archive care about, plus plain text, non-ASCII and the empty value. */
    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(",\"\n\r\\ #\tnr0aZ\u00e9\u00b0\u4e2d\u2028").ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u0020', '\u007e').ofMaxLength(20),
                Arbitraries.strings().ofMaxLength(10),
                Arbitraries.just(""));
    }

    @Provide
    Arbitrary<List<String>> rows() {
        return values().list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 2000)
    void aRowReadsBackAsItWasWritten(@ForAll("rows") List<String> row) throws Exception {
        assertThat(CsvLine.parse(CsvLine.format(row))).isEqualTo(row);
    }

    @Property(tries = 1000)
    void aRowIsOnePhysicalLine(@ForAll("rows") List<String> row) {
        assertThat(CsvLine.format(row)).doesNotContain("\n", "\r");
    }

    /** Plain values are written as they are, so the files read in any CSV reader: only the awkward ones are quoted. */
    @Property(tries = 1000)
    void valuesWithNothingToQuoteAreWrittenAsTheyAre(@ForAll("rows") List<String> row) {
        if (row.stream().noneMatch(v -> v.chars().anyMatch(c -> ",\"\n\r\\".indexOf(c) >= 0))) {
            assertThat(CsvLine.format(row)).isEqualTo(String.join(",", row));
        } else {
            assertThat(CsvLine.format(row)).contains("\"");
        }
    }
}
