package io.sunsync.bench.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AutonomyBenchmarkTest {
    private static int run(StringWriter err, String... args) {
        CommandLine cl = new CommandLine(new AutonomyBenchmark());
        PrintWriter out = new PrintWriter(err);
        cl.setErr(out);
        int code = cl.execute(args);
        out.flush();
        return code;
    }

    @Test
    void anUnknownCaseOrNoThreadIsAUsageErrorNamingWhatThereIs() {
        StringWriter err = new StringWriter();
        assertThat(run(err, "--forecast", "elements 2 d")).isEqualTo(2);
        assertThat(err.toString()).contains("--forecast: no case named 'elements 2 d'").contains("elements 3 d");
        StringWriter err2 = new StringWriter();
        assertThat(run(err2, "--sensors", "gauge +6 %")).isEqualTo(2);
        assertThat(err2.toString()).contains("no case named 'gauge +6 %'").contains("array -3 %");
        StringWriter err3 = new StringWriter();
        assertThat(run(err3, "--threads", "0")).isEqualTo(2);
        assertThat(err3.toString()).contains("--threads must be at least 1");
    }
}
