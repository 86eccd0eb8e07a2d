package io.sunsync.bench.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a campaign's or bench's summary as {@code bench/out/NAME.json} (everything) and
 * {@code NAME.md} (a figure/value table of the scalar figures, then the problems), and prints the
 * table. Stateless.
 */
public final class CampaignSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CampaignSummary() {
    }

    /**
     * @param name        file name stem, e.g. {@code hostile}
     * @param figures     everything for the JSON
     * @param notInTable  keys left out of the Markdown table (long lists, samples)
     * @param extraTable  more Markdown after the table (may be empty)
     * @param problems    what went wrong (none when it passed)
     * @return the Markdown written
     */
    public static String write(String name, Map<String, Object> figures, Set<String> notInTable, String extraTable,
                        List<String> problems) throws IOException {
        Path dir = Path.of("bench/out");
        Files.createDirectories(dir);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(name + ".json").toFile(), figures);
        StringBuilder md = new StringBuilder("| figure | value |\n|---|---:|\n");
        figures.forEach((k, v) -> {
            if (!notInTable.contains(k)) {
                md.append("| ").append(k).append(" | ").append(v).append(" |\n");
            }
        });
        md.append(extraTable);
        problems.forEach(p -> md.append("\nPROBLEM: ").append(p).append('\n'));
        Files.writeString(dir.resolve(name + ".md"), md.toString());
        System.out.print(md);
        System.out.println("written " + dir.resolve(name + ".json").toAbsolutePath() + " and " + name + ".md");
        return md.toString();
    }
}
