package io.sunsync.flight.cmd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sunsync.testkit.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random input never gets a command executed: random byte strings are never accepted, and a
 * random mutation of a valid signed command (sent after the original) never executes anything
 * a second time. One commanding instance takes every try, as a satellite would.
 */
class CommandAuthenticationProperties {
    private static Path dir;
    private static CommandingFixture f;
    private static long seq;

    @BeforeContainer
    static void boot() throws Exception {
        dir = Files.createTempDirectory("sunsync-props-");
        f = new CommandingFixture(dir);
    }

    @AfterContainer
    static void clean() throws Exception {
        TestFiles.deleteTree(dir);
    }

    private static List<JsonNode> reportsAfter(int before) {
        List<JsonNode> all = f.down.reports();
        return all.subList(before, all.size());
    }

    @Property(tries = 400)
    void randomBytesAreNeverAccepted(@ForAll("garbage") byte[] payload) {
        int before = f.down.reports().size();
        int executed = f.executed.get();
        f.deliver(payload);
        List<JsonNode> reports = reportsAfter(before);
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).path("stage").asText()).isEqualTo("REJECTED");
        assertThat(f.executed.get()).isEqualTo(executed);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(600);
        // Also random text that looks like an envelope, to get past the JSON parser more often.
        Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789abcdefkidmacvsqn ")
                .ofMaxLength(300).map(s -> ("{\"v\":1,\"kid\":1,\"cmd\":{" + s).getBytes());
        return Arbitraries.oneOf(raw, jsonish);
    }

    /** A mutation: replace, insert or delete bytes at a position (as a fraction of the length). */
    record Mutation(int kind, double where, byte value, int length) {
        byte[] apply(byte[] in) {
            int at = Math.min(in.length - 1, (int) (where * in.length));
            return switch (kind) {
                case 0 -> {
                    byte[] out = in.clone();
                    out[at] = out[at] == value ? (byte) (value + 1) : value;
                    yield out;
                }
                case 1 -> {
                    byte[] out = new byte[in.length + length];
                    System.arraycopy(in, 0, out, 0, at);
                    java.util.Arrays.fill(out, at, at + length, value);
                    System.arraycopy(in, at, out, at + length, in.length - at);
                    yield out;
                }
                default -> {
                    int n = Math.min(length, in.length - at);
                    byte[] out = new byte[in.length - n];
                    System.arraycopy(in, 0, out, 0, at);
                    System.arraycopy(in, at + n, out, at, in.length - at - n);
                    yield out;
                }
            };
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.doubles().between(0, 1),
                Arbitraries.bytes(), Arbitraries.integers().between(1, 8)).as(Mutation::new);
    }

    @Property(tries = 300)
    void aMutatedCopyOfAValidCommandNeverExecutesAgain(@ForAll("mutations") Mutation mutation,
                                                       @ForAll("argsOf") Map<String, Object> args) {
        long s = ++seq;
        byte[] valid = f.signed(s, "test.count", args);
        f.deliver(valid);
        int executed = f.executed.get();
        assertThat(f.stages(s)).containsExactly("ACCEPTED", "STARTED", "COMPLETED");
        int before = f.down.reports().size();
        byte[] mutated = mutation.apply(valid);
        f.deliver(mutated);
        List<JsonNode> reports = reportsAfter(before);
        assertThat(reports).as("every message gets an answer").isNotEmpty();
        assertThat(reports).noneMatch(r -> r.path("stage").asText().equals("ACCEPTED"));
        assertThat(f.executed.get()).isEqualTo(executed);
    }

    @Provide
    Arbitrary<Map<String, Object>> argsOf() {
        return Arbitraries.integers().between(0, 10).injectNull(0.3)
                .map(n -> n == null ? Map.<String, Object>of() : Map.<String, Object>of("n", n));
    }
}
