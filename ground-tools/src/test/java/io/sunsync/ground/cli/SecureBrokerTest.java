package io.sunsync.ground.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sunsync.ground.testing.Cli;
import io.sunsync.testkit.MosquittoBroker;
import io.sunsync.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles against a Mosquitto that wants TLS with client certificates, and passwords. */
@Tag("mosquitto")
class SecureBrokerTest {
    @TempDir
    Path dir;

    @Test
    void aProfileWithTheCaAndAClientCertificateConnectsOverMutualTls() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"), "sunsync-test-ca");
        TestPki.Pair ground = pki.client("ground-ops");
        try (MosquittoBroker broker = MosquittoBroker.builder().tls(pki, true).start()) {
            Path profile = dir.resolve("ground.yaml");
            Files.writeString(profile, """
                    broker:
                      url: %s
                      tls: {caFile: %s, certFile: %s, keyFile: %s}
                    """.formatted(broker.tlsUrl(), pki.caCertificate(), ground.certificate(), ground.key()));
            // Connected and listened: nothing to hear on an empty broker (3), not refused (4).
            Cli.Run ok = Cli.run("status", "--profile", profile.toString(), "--timeout-s", "0.5");
            assertThat(ok.exit()).as(ok.err()).isEqualTo(ExitCode.NO_DATA.code());
            // The same broker without a client certificate: refused.
            Cli.Run noCert = Cli.run("status", "-b", broker.tlsUrl(), "--ca-file", pki.caCertificate().toString(),
                    "--timeout-s", "0.5");
            assertThat(noCert.exit()).isEqualTo(ExitCode.BROKER.code());
            // Trusting another CA: refused.
            TestPki other = TestPki.create(dir.resolve("other"), "someone-else");
            Cli.Run wrongCa = Cli.run("status", "--profile", profile.toString(), "--ca-file",
                    other.caCertificate().toString(), "--timeout-s", "0.5");
            assertThat(wrongCa.exit()).isEqualTo(ExitCode.BROKER.code());
        }
    }

    @Test
    void aPasswordFromAFileLogsInAndAWrongOneIsRefusedWithoutBeingPrinted() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.builder().user("operator", "s3cret-pw").start()) {
            Files.writeString(dir.resolve("pw"), "s3cret-pw\n");
            Files.writeString(dir.resolve("bad"), "guess-pw\n");
            Cli.Run ok = Cli.run("status", "-b", broker.url(), "-u", "operator", "--password-file",
                    dir.resolve("pw").toString(), "--timeout-s", "0.5");
            assertThat(ok.exit()).as(ok.err()).isEqualTo(ExitCode.NO_DATA.code());
            Cli.Run bad = Cli.run("status", "-b", broker.url(), "-u", "operator", "--password-file",
                    dir.resolve("bad").toString(), "--timeout-s", "0.5");
            assertThat(bad.exit()).isEqualTo(ExitCode.BROKER.code());
            assertThat(bad.out() + bad.err()).doesNotContain("guess-pw");
        }
    }

    @Test
    void aKeyInTheWrongFormatIsAUsageErrorNamingTheFile() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        Cli.Run r = Cli.run("status", "-b", "ssl://localhost:1", "--ca-file", ca.toString(), "--timeout-s", "0.5");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("TLS").contains("ca.pem");
    }
}
