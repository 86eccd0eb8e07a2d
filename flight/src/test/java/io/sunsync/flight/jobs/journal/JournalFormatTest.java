package io.sunsync.flight.jobs.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal's on-disk format does not change under a software update: a journal and snapshot
 * written by an earlier build ({@code src/test/resources/formats/journal}, see the README there)
 * replay, and the same changes written now give the same bytes.
 */
class JournalFormatTest {
    record Rec(String key, int value) {
    }

    @TempDir
    Path dir;

    /** The changes the files in {@code formats/journal} were written with. */
    static void writeSample(Path dir) throws IOException {
        try (Journal<Rec> journal = new Journal<>(dir, Rec.class, Rec::key)) {
            journal.open();
            journal.append(new Rec("a", 1));
            journal.append(new Rec("b", 1));
            journal.append(new Rec("a", 2));
            journal.compact(List.of(new Rec("a", 2), new Rec("b", 1)));
            journal.append(new Rec("c", 1));
            journal.append(new Rec("a", 3));
            journal.append(new Rec("b", 2));
        }
    }

    static Path sample() throws URISyntaxException {
        return Path.of(JournalFormatTest.class.getResource("/formats/journal").toURI());
    }

    @Test
    void aJournalWrittenByAnEarlierBuildReplays() throws Exception {
        for (String f : List.of(Journal.JOURNAL_FILE, Journal.SNAPSHOT_FILE)) {
            Files.copy(sample().resolve(f), dir.resolve(f));
        }

        try (Journal<Rec> j = new Journal<>(dir, Rec.class, Rec::key)) {
            Journal.Replay<Rec> r = j.open();

            assertThat(r.damage()).isEmpty();
            assertThat(r.snapshotRecords()).isEqualTo(2);
            assertThat(r.latest()).containsExactly(Map.entry("a", new Rec("a", 3)), Map.entry("b", new Rec("b", 2)),
                    Map.entry("c", new Rec("c", 1)));
            assertThat(r.entries()).extracting(Journal.Entry::seq).containsExactly(4L, 5L, 6L);
            assertThat(j.append(new Rec("d", 1))).isEqualTo(7);
        }
    }

    @Test
    void theSameChangesWriteTheSameBytesAsAnEarlierBuild() throws Exception {
        writeSample(dir);

        for (String f : List.of(Journal.JOURNAL_FILE, Journal.SNAPSHOT_FILE)) {
            assertThat(Files.readAllBytes(dir.resolve(f))).as(f).isEqualTo(Files.readAllBytes(sample().resolve(f)));
        }
    }
}
