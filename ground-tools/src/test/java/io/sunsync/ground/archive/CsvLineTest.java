package io.sunsync.ground.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The archive's CSV dialect, byte for byte: the files written before jackson-dataformat-csv read the same. */
class CsvLineTest {
    @Test
    void quotesOnlyWhatMustBeQuotedAndKeepsEachRecordOnOneLine() {
        assertThat(CsvLine.format(List.of("rx", "sat", "power.socPct", "mode"))).isEqualTo("rx,sat,power.socPct,mode");
        assertThat(CsvLine.format(List.of("2027-06-21T00:00:00Z", "sat-001", "", "75.25", "-1.0E-4", "NOMINAL")))
                .isEqualTo("2027-06-21T00:00:00Z,sat-001,,75.25,-1.0E-4,NOMINAL");
        assertThat(CsvLine.format(List.of("start 1 on b0,b1", "say \"hi\"", "two\nlines", "cr\rlf", " spaced ", "#1", "t\tab",
                "\u00e9t\u00e9 \u00b0C")))
                .isEqualTo("\"start 1 on b0,b1\",\"say \"\"hi\"\"\",\"two\\nlines\",\"cr\\rlf\", spaced ,#1,t\tab,\u00e9t\u00e9 \u00b0C");
    }

    /** A backslash is the escape inside quotes, so it is doubled: a value holding the two characters \n stays that. */
    @Test
    void aBackslashIsQuotedAndDoubledSoItIsNotReadAsALineBreak() throws IOException {
        assertThat(CsvLine.format(List.of("C:\\new", "a\nb"))).isEqualTo("\"C:\\\\new\",\"a\\nb\"");
        assertThat(CsvLine.parse("\"C:\\\\new\",\"a\\nb\"")).containsExactly("C:\\new", "a\nb");
    }

    @Test
    void readsRfc4180QuotingAndEmptyValues() throws IOException {
        assertThat(CsvLine.parse("a,\"b,c\",\"d\"\"e\",,")).containsExactly("a", "b,c", "d\"e", "", "");
        assertThat(CsvLine.parse("")).containsExactly("");
        assertThat(CsvLine.format(List.of(""))).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsAnError() {
        assertThatThrownBy(() -> CsvLine.parse("a,\"b")).isInstanceOf(IOException.class);
    }
}
