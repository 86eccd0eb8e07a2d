package io.sunsync.ground.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileReaderTest {
    @TempDir
    Path dir;

    private static final String FULL = """
            broker:
              url: ssl://gs1.example:8883
              clientIdPrefix: ops
              username: operator
              password: {file: broker.pw}
              tls: {caFile: ca.pem, certFile: ground.pem, keyFile: ground.key}
            satellites:
              sat-001: {keyFile: keys/sat-001.key, keyId: 2}
            archive:
              dir: archive
            limits:
              power.socPct: {warnLow: 45}
            """;

    @Test
    void readsEveryKeyOfAFullProfile() {
        GroundProfile p = ProfileReader.parse(FULL, "ground.yaml");
        assertThat(p.broker().url()).isEqualTo("ssl://gs1.example:8883");
        assertThat(p.broker().clientIdPrefix()).isEqualTo("ops");
        assertThat(p.broker().password().file()).isEqualTo("broker.pw");
        assertThat(p.broker().tls().keyFile()).isEqualTo("ground.key");
        assertThat(p.satellites().get("sat-001").keyId()).isEqualTo(2);
        assertThat(p.archive().dir()).isEqualTo("archive");
        assertThat(p.limits().get("power.socPct").warnLow()).isEqualTo(45.0);
    }

    @Test
    void anEmptyProfileIsTheDefaults() {
        GroundProfile p = ProfileReader.parse("", "ground.yaml");
        assertThat(p.broker().url()).isEqualTo(BrokerProfile.DEFAULT_URL);
        assertThat(p.satellites()).isEmpty();
    }

    @Test
    void aMisspelledKeyIsRefusedNamingItsDottedPath() {
        assertThatThrownBy(() -> ProfileReader.parse("broker:\n  url: tcp://a:1\n  usrname: x\n", "g.yaml"))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProfileError.UNKNOWN_KEY);
                    assertThat(e.key()).isEqualTo("broker.usrname");
                    assertThat(e.getMessage()).contains("line 3").contains("username");
                });
    }

    @Test
    void aTlsBrokerWithoutCaFileIsRefused() {
        assertThatThrownBy(() -> ProfileReader.parse("broker: {url: 'ssl://gs:8883'}\n", "g.yaml"))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProfileError.MISSING);
                    assertThat(e.key()).isEqualTo("broker.tls");
                });
    }

    @Test
    void aPasswordRefWithBothFileAndEnvIsRefused() {
        assertThatThrownBy(() -> ProfileReader.parse(
                "broker: {url: 'tcp://a:1', username: u, password: {file: x, env: Y}}\n", "g.yaml"))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProfileError.INVALID);
                    assertThat(e.key()).startsWith("broker.password");
                });
    }

    @Test
    void inconsistentLimitsAreRefusedNamingThePoint() {
        assertThatThrownBy(() -> ProfileReader.parse("limits:\n  power.socPct: {alarmLow: 40, warnLow: 30}\n", "g.yaml"))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProfileError.INVALID);
                    assertThat(e.key()).isEqualTo("limits.power.socPct");
                });
    }

    @Test
    void aBadBrokerUrlIsRefused() {
        assertThatThrownBy(() -> ProfileReader.parse("broker: {url: 'http//nope'}\n", "g.yaml"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.key()).isEqualTo("broker.url"));
    }

    @Test
    void malformedYamlIsReportedAsSuch() {
        assertThatThrownBy(() -> ProfileReader.parse("broker: [\n", "g.yaml"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.code()).isEqualTo(ProfileError.MALFORMED));
    }

    @Test
    void theEnvironmentVariableNamesTheProfileWhenNoFlagDoes() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "broker: {url: 'tcp://from-env:1883'}\n");
        LoadedProfile p = LoadedProfile.locate(null, Map.of(LoadedProfile.ENV, file.toString()), dir);
        assertThat(p.profile().broker().url()).isEqualTo("tcp://from-env:1883");
        Path flag = dir.resolve("flag.yaml");
        Files.writeString(flag, "broker: {url: 'tcp://from-flag:1883'}\n");
        assertThat(LoadedProfile.locate(flag, Map.of(LoadedProfile.ENV, file.toString()), dir)
                .profile().broker().url()).isEqualTo("tcp://from-flag:1883");
    }

    @Test
    void theDefaultLocationIsUsedWhenPresentAndOptionalWhenAbsent() throws Exception {
        assertThat(LoadedProfile.locate(null, Map.of(), dir).file()).isNull();
        Path dflt = LoadedProfile.defaultLocation(dir);
        Files.createDirectories(dflt.getParent());
        Files.writeString(dflt, "broker: {url: 'tcp://home:1883'}\n");
        assertThat(LoadedProfile.locate(null, Map.of(), dir).profile().broker().url()).isEqualTo("tcp://home:1883");
    }

    @Test
    void aNamedProfileThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> LoadedProfile.locate(dir.resolve("missing.yaml"), Map.of(), dir))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.code()).isEqualTo(ProfileError.NOT_FOUND));
    }

    @Test
    void secretsResolveFromAFileRelativeToTheProfileOrFromTheEnvironment() throws Exception {
        Path file = dir.resolve("ground.yaml");
        Files.writeString(file, "broker: {url: 'tcp://a:1883', username: op, password: {file: pw.txt}}\n");
        Files.writeString(dir.resolve("pw.txt"), "s3cret-value\nignored second line\n");
        LoadedProfile p = LoadedProfile.locate(file, Map.of(), dir);
        assertThat(new String(p.password(Map.of()).chars())).isEqualTo("s3cret-value");
        Secret env = SecretRef.ofEnv("PW").resolve("broker.password", dir, Map.of("PW", "from-env"));
        assertThat(new String(env.chars())).isEqualTo("from-env");
        assertThatThrownBy(() -> SecretRef.ofEnv("NOPE").resolve("broker.password", dir, Map.of()))
                .isInstanceOfSatisfying(ProfileException.class, e -> {
                    assertThat(e.code()).isEqualTo(ProfileError.SECRET_UNAVAILABLE);
                    assertThat(e.key()).isEqualTo("broker.password.env");
                });
    }

    @Test
    void showingTheProfileNeverPrintsTheSecret() throws Exception {
        Path file = dir.resolve("ground.yaml");
        Files.writeString(file, "broker: {url: 'tcp://a:1883', username: op, password: {env: PW}}\n"
                + "satellites:\n  sat-001: {keyFile: k.key}\n");
        Files.writeString(dir.resolve("k.key"), "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
        LoadedProfile p = LoadedProfile.locate(file, Map.of(), dir);
        String shown = p.show(Map.of("PW", "hunter2-very-secret"));
        assertThat(shown).doesNotContain("hunter2").doesNotContain("00112233")
                .contains(Secret.MASK).contains("env PW").contains("readable");
        assertThat(p.password(Map.of("PW", "hunter2-very-secret")).toString()).doesNotContain("hunter2");
    }

    @Test
    void theArchiveIsAFolderADatabaseOrBothAndItsPasswordIsNeverShown() throws Exception {
        Path file = dir.resolve("ground.yaml");
        Files.writeString(file, "archive:\n  db: 'postgresql://ops:in-url-secret@db1/sunsync'\n  dbPassword: {env: DBPW}\n");
        LoadedProfile p = LoadedProfile.locate(file, Map.of(), dir);
        assertThat(p.profile().archive().dir()).isNull();
        assertThat(p.profile().archive().db()).startsWith("postgresql://");
        String shown = p.show(Map.of("DBPW", "db-very-secret"));
        assertThat(shown).doesNotContain("db-very-secret").doesNotContain("in-url-secret").contains("env DBPW")
                .contains("postgresql://ops:" + Secret.MASK + "@db1/sunsync");
        assertThatThrownBy(() -> ProfileReader.parse("archive: {}\n", "g.yaml"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.getMessage()).contains("give dir"));
        assertThatThrownBy(() -> ProfileReader.parse("archive: {dir: a, dbPassword: {env: X}}\n", "g.yaml"))
                .isInstanceOfSatisfying(ProfileException.class, e -> assertThat(e.getMessage()).contains("needs db"));
    }
}
