package io.sunsync.ground.tc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.flight.cmd.Commanding;
import io.sunsync.flight.cmd.CommandingConfig;
import io.sunsync.flight.cmd.InMemoryModeControl;
import io.sunsync.flight.link.InboundMessage;
import io.sunsync.flight.link.OutboundMessage;
import io.sunsync.flight.link.Topics;
import io.sunsync.hal.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-test of docs/icd/commanding.md: what the ground signer produces, flight's commanding
 * (on flight's test classpath only: ground-tools' main code never sees flight) accepts, and a
 * change to any signed byte it refuses.
 */
class GroundSignerAcceptedByFlightTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2027-06-21T00:00:00Z");

    @TempDir
    Path dir;
    CommandKeyFile keys;
    Commanding flight;
    final List<OutboundMessage> sent = new CopyOnWriteArrayList<>();

    @BeforeEach
    void boot() throws IOException {
        keys = CommandKeyFile.generate(dir.resolve("keys.json"), "sat-001", 2);
        TimeSource fixed = new TimeSource() {
            @Override
            public Instant now() {
                return T0;
            }

            @Override
            public void awaitUntil(Instant instant) {
            }
        };
        flight = new Commanding(new CommandingConfig("keys.json", "state", null, null, null, null, null, 0), dir,
                "sat-001", "flight under test", fixed, sent::add, new Topics("sat-001"), new InMemoryModeControl(),
                e -> { });
    }

    private JsonNode deliver(byte[] payload) {
        flight.onMessage(new InboundMessage("sunsync/sat-001/tc", payload, 1, false, false, null, null, 60L, Map.of()));
        try {
            return JSON.readTree(sent.get(sent.size() - 1).payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode args(Map<String, ?> m) {
        return JSON.valueToTree(m);
    }

    @Test
    void theKeyFileIsWrittenForItsOwnerOnlyAndNeverShowsItsKeys() throws IOException {
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String hex = JSON.readTree(dir.resolve("keys.json").toFile()).path("keys").get(0).path("hex").asText();
        assertThat(keys.toString()).doesNotContain(hex);
        assertThat(keys.signer(1).toString()).doesNotContain(hex);
    }

    @Test
    void flightAcceptsAndExecutesWhatTheGroundSignerProduces() {
        JsonNode done = deliver(keys.signer(1).sign(CommandSigner.Command.of(1, "ping", args(Map.of("echo", "from ground")),
                T0.plusSeconds(60))));
        assertThat(done.path("stage").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("data").path("echo").asText()).isEqualTo("from ground");
    }

    @Test
    void theMacCoversTheExactBytesSoAnyFormattingOfCmdIsAcceptedAsSent() {
        String pretty = """
                {
                  "name" : "ping",   "expires": "2027-06-21T00:01:00Z",
                  "args": {"echo": "spaced"}, "seq": 2, "sat": "sat-001"
                }""";
        JsonNode done = deliver(keys.signer(1).envelope(pretty.getBytes(StandardCharsets.UTF_8)));
        assertThat(done.path("stage").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void anyChangedSignedByteIsRefused() {
        byte[] good = keys.signer(1).sign(CommandSigner.Command.of(3, "ping", args(Map.of()), T0.plusSeconds(60)));
        String s = new String(good, StandardCharsets.UTF_8);
        byte[] bad = s.replace("\"seq\":3", "\"seq\":4").getBytes(StandardCharsets.UTF_8);
        assertThat(deliver(bad).path("reason").asText()).isEqualTo("BAD_MAC");
        assertThat(deliver(keys.signer(2).sign(CommandSigner.Command.of(5, "ping", args(Map.of()), T0.plusSeconds(60))))
                .path("reason").asText()).isEqualTo("UNKNOWN_KEY");
    }

    @Test
    void aGroundSignedKeyRotationRetiresTheOldKey() {
        CommandSigner k1 = keys.signer(1);
        JsonNode rotateArgs = args(Map.of("keyId", 2));
        JsonNode armed = deliver(k1.sign(CommandSigner.Command.of(10, "arm",
                args(Map.of("command", "key.rotate", "args", Map.of("keyId", 2))), T0.plusSeconds(60))));
        String token = armed.path("data").path("token").asText();
        JsonNode rotated = deliver(k1.sign(CommandSigner.Command.of(11, "key.rotate", rotateArgs, T0.plusSeconds(60))
                .armedWith(token)));
        assertThat(rotated.path("stage").asText()).isEqualTo("COMPLETED");
        assertThat(deliver(k1.sign(CommandSigner.Command.of(12, "ping", args(Map.of()), T0.plusSeconds(60))))
                .path("reason").asText()).isEqualTo("KEY_REVOKED");
        assertThat(deliver(keys.signer(2).sign(CommandSigner.Command.of(13, "ping", args(Map.of()), T0.plusSeconds(60))))
                .path("stage").asText()).isEqualTo("COMPLETED");
    }
}
