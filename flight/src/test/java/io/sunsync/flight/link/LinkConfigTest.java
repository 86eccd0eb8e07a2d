package io.sunsync.flight.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sunsync.flight.app.FlightConfig;
import io.sunsync.flight.link.outbox.FsyncPolicy;
import io.sunsync.hal.config.ConfigException;
import io.sunsync.hal.config.ConfigReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LinkConfigTest {
    static final String BASE = """
            satellite: {id: sat-001}
            link: %s
            hardware:
              clock: {backend: sim}
              power: {backend: sim}
              thermal: {backend: sim}
              accelerators: {backend: sim}
            """;

    static LinkConfig parse(String link) {
        return ConfigReader.parse(BASE.formatted(link), false, FlightConfig.class, "sat.yaml").link();
    }

    static ConfigException refused(String link) {
        return (ConfigException) assertThatThrownBy(() -> parse(link)).isInstanceOf(ConfigException.class)
                .actual();
    }

    @Test
    void defaultsAreSafeForFlight() {
        LinkConfig c = parse("{broker: \"tcp://127.0.0.1:1883\"}");
        assertThat(c.sessionExpiryS()).isEqualTo(86_400L);
        assertThat(c.outbox().dir()).isEqualTo(Path.of("outbox"));
        assertThat(c.outbox().fsync()).isEqualTo(FsyncPolicy.GROUP);
        assertThat(c.outbox().maxBytes()).isEqualTo(256L << 20);
        assertThat(c.maxInflight()).isEqualTo(64);
        assertThat(c.reconnectMinMs()).isEqualTo(250L);
        assertThat(c.reconnectMaxMs()).isEqualTo(10_000L);
    }

    @Test
    void outboxAndTlsSettingsAreReadAndRelativePathsResolvedAgainstTheConfigFolder() {
        LinkConfig c = parse("""
                {broker: "ssl://broker.example:8883", username: sat-001, password: s3cret,
                 outbox: {dir: state/outbox, maxBytes: 1048576, segmentBytes: 65536, fsync: always},
                 tls: {caFile: ca.pem, certFile: sat.pem, keyFile: sat.key}}""");
        LinkConfig r = c.resolvedAgainst(Path.of("/etc/sunsync"));
        assertThat(r.outbox().dir()).isEqualTo(Path.of("/etc/sunsync/state/outbox"));
        assertThat(r.outbox().fsync()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(r.tls().caFile()).isEqualTo(Path.of("/etc/sunsync/ca.pem"));
        assertThat(r.tls().verifyHostname()).isTrue();
        assertThat(r.toString()).doesNotContain("s3cret");
    }

    @Test
    void theQueueLimitOfOlderConfigsBoundsTheOutbox() {
        assertThat(parse("{broker: \"tcp://h:1\", queueLimit: 1000}").outbox().maxMessages()).isEqualTo(1000);
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertThat(refused("{broker: \"tcp://h:1\", outbox: {segmentBytes: 10}}").key())
                .isEqualTo("link.outbox.segmentBytes");
        assertThat(refused("{broker: \"tcp://h:1\", outbox: {fsync: sometimes}}").key())
                .isEqualTo("link.outbox.fsync");
        assertThat(refused("{broker: \"tcp://h:1\", tls: {caFile: ca.pem}}").getMessage())
                .contains("link.tls").contains("not ssl://");
        assertThat(refused("{broker: \"ssl://h:1\", tls: {caFile: ca.pem, certFile: c.pem}}").key())
                .isEqualTo("link.tls.keyFile");
        assertThat(refused("{broker: \"tcp://h:1\", password: x}").key()).isEqualTo("link.password");
        assertThat(refused("{broker: \"tcp://h:1\", reconnectMinMs: 5000, reconnectMaxMs: 100}").key())
                .isEqualTo("link.reconnectMaxMs");
        assertThat(refused("{broker: \"tcp://nohost\"}").key()).isEqualTo("link.broker");
    }
}
