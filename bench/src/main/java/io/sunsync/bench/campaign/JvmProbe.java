package io.sunsync.bench.campaign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures another JVM from outside, as an operator would: live heap after a full GC through
 * {@code jcmd}'s class histogram (the JDK's own tool), threads and resident memory from {@code /proc}. Stateless.
 */
final class JvmProbe {
    private static final Pattern USED = Pattern.compile(
            "^\\s*(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen|ZHeap|Shenandoah)\\b.*?used (\\d+)K",
            Pattern.MULTILINE);

    private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$", Pattern.MULTILINE);

    private JvmProbe() {
    }

    /**
     * Live heap of {@code pid}, in KiB: the bytes of every object that survives a full GC, counted
     * by the JVM at that GC's safepoint ({@code jcmd PID GC.class_histogram}, its {@code Total}).
     * Not {@code GC.run} followed by {@code GC.heap_info}: between the two attaches flight goes on
     * allocating (tens of MiB at full sim speed), which read as a live heap swinging between 19 and
     * 55 MiB where the histogram counts 18 MiB.
     */
    static long liveHeapKb(long pid) throws IOException, InterruptedException {
        return histogramTotalKb(jcmd(pid, "GC.class_histogram"));
    }

    /** The {@code Total} bytes of a class histogram, in KiB. */
    static long histogramTotalKb(String histogram) {
        Matcher m = TOTAL.matcher(histogram);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the class histogram's total from jcmd: "
                    + histogram.substring(Math.max(0, histogram.length() - 300)));
        }
        return Long.parseLong(m.group(1)) / 1024;
    }

    /** Heap in use now (no GC first), in KiB. */
    static long heapKb(long pid) throws IOException, InterruptedException {
        return heapKb(jcmd(pid, "GC.heap_info"));
    }

    private static long heapKb(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        long sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Long.parseLong(m.group(2));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("cannot read the heap from jcmd: " + heapInfo);
        }
        return sum;
    }

    /** Threads of {@code pid} ({@code /proc/PID/status}). */
    static long threads(long pid) throws IOException {
        return status(pid, "Threads:");
    }

    /** Resident memory of {@code pid}, in KiB ({@code VmRSS}). */
    static long rssKb(long pid) throws IOException {
        return status(pid, "VmRSS:");
    }

    /** Bytes of the files under {@code dir} (0 when it does not exist). */
    static long diskBytes(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted meanwhile
                }
            }).sum();
        }
    }

    private static long status(long pid, String field) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (l.startsWith(field)) {
                return Long.parseLong(l.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " for " + pid);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
