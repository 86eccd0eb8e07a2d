package io.sunsync.ground.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.HkQuery;
import io.sunsync.ground.store.StoreUrl;
import io.sunsync.ground.store.TimeRange;
import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tc.CommandSigner;
import io.sunsync.ground.testing.ConsoleFixture;
import io.sunsync.ground.testing.Messages;
import io.sunsync.ground.testing.MutableClock;
import io.sunsync.ground.testing.SignedTelemetry;
import io.sunsync.testkit.EmbeddedBroker;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's HTTP side without a browser: sessions, CSRF and origin checks, roles, refusals
 * that send nothing, signing on the server, the event stream, security headers. A fake satellite
 * (its dictionary and frames published by the test) on the shared embedded broker.
 */
class ConsoleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAT = "sat-api";
    private static final String DICT = """
            {"sat":"sat-api","software":"test","commands":[
             {"name":"board.cap","description":"caps a board","critical":"never","modes":[],"execution":"CONTROL_LOOP",
              "args":{"type":"object","properties":{"board":{"type":"string"},
                "capW":{"type":"number","minimum":1,"maximum":100000,"x-unit":"W"}},
                "required":["board","capW"],"additionalProperties":false}},
             {"name":"mode.set","description":"mode","critical":"always","modes":[],"execution":"CONTROL_LOOP",
              "args":{"type":"object","properties":{"mode":{"enum":["NOMINAL","SAFE"]}},"required":["mode"]}}]}""";

    @TempDir
    static Path dir;
    static EmbeddedBroker broker;
    static ConsoleFixture console;
    static MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
    static String keyHex;
    static ArchiveStore archive;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.shared();
        Path keys = dir.resolve("sat-api.keys.json");
        CommandKeyFile.generate(keys, SAT, 1);
        keyHex = JSON.readTree(keys.toFile()).path("keys").get(0).path("hex").asText();
        // The satellite's dictionary and frame as flight sends them: signed with its telemetry key, which the
        // command desk checks before it uses them.
        Path tmKeys = dir.resolve("sat-api.tm-keys.json");
        SignedTelemetry tm = SignedTelemetry.generate(tmKeys, SAT);
        try (GroundConnection sat = GroundConnection.open(broker.url())) {
            tm.publish(sat, "dict", 0, DICT, true);
            tm.publish(sat, "tm/hk", 1, Messages.hk(SAT, 1, "2027-06-21T00:00:01Z", 80.0)
                    .replace("\"control\":{", "\"commanding\":{\"activeKeyId\":1,\"lastSeq\":0},\"control\":{"), true);
        }
        archive = StoreUrl.sqlite(dir.resolve("archive.db")).open();
        console = ConsoleFixture.start(dir.resolve("console"), """
                broker: {url: "%s", clientIdPrefix: api}
                satellites:
                  %s: {keyFile: %s, telemetryKeyFile: %s}
                """.formatted(broker.url(), SAT, keys, tmKeys), clock, Duration.ofMinutes(30), archive);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/sats/" + SAT, login(ConsoleFixture.OPERATOR)).statusCode() == 200
                && JSON.readTree(get("/api/sats/" + SAT, login(ConsoleFixture.OPERATOR)).body()).path("commands").size() == 2);
    }

    @AfterAll
    static void stop() {
        console.close();
        archive.close();
    }

    /** A logged-in session: its cookie and CSRF token. */
    record Session(String cookie, String csrf) {
    }

    static Session login(String user) throws Exception {
        HttpResponse<String> r = post("/api/login", null, "{\"user\":\"" + user + "\",\"password\":\"" + ConsoleFixture.PASSWORD + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Session(setCookie.split(";")[0], JSON.readTree(r.body()).path("csrf").asText());
    }

    static HttpResponse<String> get(String path, Session s) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(console.url()).resolve(path)).GET();
        if (s != null) {
            b.header("Cookie", s.cookie());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, Session s, String body) throws Exception {
        return post(path, s, body, s == null ? null : s.csrf(), null);
    }

    static HttpResponse<String> post(String path, Session s, String body, String csrf, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(console.url()).resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (s != null) {
            b.header("Cookie", s.cookie());
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String code(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("code").asText();
    }

    @Test
    void aLoginSetsAnHttpOnlySameSiteCookieAndAWrongPasswordIsRefused() throws Exception {
        HttpResponse<String> wrong = post("/api/login", null, "{\"user\":\"alice\",\"password\":\"guess\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(code(wrong)).isEqualTo("LOGIN");
        HttpResponse<String> nobody = post("/api/login", null, "{\"user\":\"mallory\",\"password\":\"guess\"}");
        assertThat(nobody.body()).as("an unknown user reads as a wrong password").isEqualTo(wrong.body());
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(console.url()).resolve("/api/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("user=alice&password=x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).as("a cross-site form cannot log anyone in").isEqualTo(415);

        HttpResponse<String> ok = post("/api/login", null, "{\"user\":\"alice\",\"password\":\"" + ConsoleFixture.PASSWORD + "\"}");
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("sunsync_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        assertThat(JSON.readTree(ok.body()).path("csrf").asText()).hasSize(43);
        assertThat(Files.readString(console.auditLog())).contains("\"action\":\"LOGIN_FAILED\"").contains("\"action\":\"LOGIN\"");
    }

    @Test
    void everyCallNeedsASessionAndEveryChangeItsCsrfTokenAnOriginOfItsOwnAndAnOperator() throws Exception {
        assertThat(get("/api/fleet", null).statusCode()).isEqualTo(401);
        assertThat(code(get("/api/fleet", null))).isEqualTo("SESSION");
        assertThat(get("/api/fleet", new Session("sunsync_session=forged", "x")).statusCode()).isEqualTo(401);

        Session alice = login(ConsoleFixture.OPERATOR);
        assertThat(get("/api/fleet", alice).statusCode()).isEqualTo(200);
        HttpResponse<String> noToken = post("/api/alarms/1/ack", alice, "{}", null, null);
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(code(noToken)).isEqualTo("CSRF");
        assertThat(code(post("/api/alarms/1/ack", alice, "{}", "wrong", null))).isEqualTo("CSRF");
        HttpResponse<String> foreign = post("/api/alarms/1/ack", alice, "{}", alice.csrf(), "http://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(code(foreign)).isEqualTo("ORIGIN");
        assertThat(code(post("/api/alarms/999999/ack", alice, "{}", alice.csrf(), console.url().replaceAll("/$", ""))))
                .as("its own origin passes (no such alarm)").isEqualTo("UNKNOWN_ALARM");

        Session bob = login(ConsoleFixture.VIEWER);
        assertThat(get("/api/fleet", bob).statusCode()).isEqualTo(200);
        HttpResponse<String> viewer = post("/api/sats/" + SAT + "/commands", bob, "{\"name\":\"board.cap\",\"args\":{}}");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(code(viewer)).isEqualTo("ROLE");
        assertThat(post("/api/logout", bob, "{}").statusCode()).as("a viewer may log out").isEqualTo(200);
        assertThat(get("/api/fleet", bob).statusCode()).isEqualTo(401);
    }

    @Test
    void badCommandsAreRefusedWithAClearReasonAndNothingIsSent() throws Exception {
        Session alice = login(ConsoleFixture.OPERATOR);
        String base = "/api/sats/" + SAT + "/commands";
        String seqBefore = seqUsed();
        long sentBefore = Files.readAllLines(console.auditLog()).stream().filter(l -> l.contains("\"action\":\"SENT\"")).count();
        HttpResponse<String> range = post(base, alice, "{\"name\":\"board.cap\",\"args\":{\"board\":\"board-00\",\"capW\":200000}}");
        assertThat(range.statusCode()).isEqualTo(422);
        assertThat(code(range)).isEqualTo("OUT_OF_RANGE");
        assertThat(JSON.readTree(range.body()).path("error").asText()).contains("capW").contains("100000");
        assertThat(code(post(base, alice, "{\"name\":\"board.cap\",\"args\":{\"board\":\"b\",\"capW\":\"lots\"}}")))
                .isEqualTo("BAD_ARGUMENT");
        assertThat(code(post(base, alice, "{\"name\":\"board.cap\",\"args\":{\"board\":\"b\"}}"))).isEqualTo("MISSING_ARGUMENT");
        assertThat(code(post(base, alice, "{\"name\":\"board.frobnicate\"}"))).isEqualTo("UNKNOWN_COMMAND");
        assertThat(code(post(base, alice, "{\"name\":\"mode.set\",\"args\":{\"mode\":\"SAFE\"}}"))).isEqualTo("CRITICAL");
        assertThat(code(post(base, alice, "{\"name\":\"board.cap\",\"args\":[1]}"))).isEqualTo("BAD_ARGUMENT");
        assertThat(code(post(base, alice, "{not json"))).isEqualTo("BAD_JSON");
        HttpResponse<String> unknown = post("/api/sats/sat-nowhere/commands", alice, "{\"name\":\"ping\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("UNKNOWN_SATELLITE");
        assertThat(code(post("/api/sats/..%2Fetc/commands", alice, "{\"name\":\"ping\"}"))).isIn("BAD_SATELLITE", "NOT_FOUND");

        assertThat(seqUsed()).as("no sequence number was taken").isEqualTo(seqBefore);
        assertThat(Files.readString(console.auditLog())).contains("\"action\":\"REFUSED\"").contains("\"reason\":\"OUT_OF_RANGE\"");
        assertThat(Files.readAllLines(console.auditLog()).stream().filter(l -> l.contains("\"action\":\"SENT\"")).count())
                .isEqualTo(sentBefore);
    }

    static String seqUsed() throws Exception {
        Path f = console.state().resolve("tc-seq").resolve(SAT);
        return Files.exists(f) ? Files.readString(f).trim() : "none";
    }

    @Test
    void commandsAreSignedOnTheServerAndTheKeyNeverReachesThePage() throws Exception {
        Session alice = login(ConsoleFixture.OPERATOR);
        String base = "/api/sats/" + SAT + "/commands";
        HttpResponse<String> dry = post(base + "/dry-run", alice, "{\"name\":\"board.cap\",\"args\":{\"board\":\"board-01\",\"capW\":800}}");
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        JsonNode envelope = JSON.readTree(JSON.readTree(dry.body()).path("envelope").asText());
        assertThat(envelope.path("cmd").path("name").asText()).isEqualTo("board.cap");

        List<GroundConnection.Received> uplinked = new CopyOnWriteArrayList<>();
        try (GroundConnection sat = GroundConnection.open(broker.url())) {
            sat.subscribe("sunsync/" + SAT + "/tc");
            HttpResponse<String> sent = post(base, alice, "{\"name\":\"board.cap\",\"args\":{\"board\":\"board-01\",\"capW\":800}}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            assertThat(JSON.readTree(sent.body()).path("seq").asLong()).isEqualTo(envelope.path("cmd").path("seq").asLong());
            GroundConnection.Received r = await().atMost(Duration.ofSeconds(20)).until(() -> sat.poll(100), java.util.Objects::nonNull);
            uplinked.add(r);
        }
        String text = uplinked.get(0).text();
        int from = text.indexOf("\"cmd\":") + 6;
        int to = text.lastIndexOf(",\"mac\":");
        byte[] cmd = text.substring(from, to).getBytes(StandardCharsets.UTF_8);
        String mac = HexFormat.of().formatHex(CommandSigner.hmac(HexFormat.of().parseHex(keyHex), cmd));
        assertThat(JSON.readTree(text).path("mac").asText()).as("signed with the satellite's key").isEqualTo(mac);

        for (String path : List.of("/api/sats/" + SAT, "/api/session", "/api/commands", "/api/fleet")) {
            assertThat(get(path, alice).body()).as(path).doesNotContainIgnoringCase(keyHex);
        }
        assertThat(dry.body()).doesNotContainIgnoringCase(keyHex);
        assertThat(Files.readString(console.auditLog())).doesNotContainIgnoringCase(keyHex)
                .containsPattern("\"action\":\"SENT\",\"remote\":\"[^\"]+\",\"sat\":\"sat-api\",\"name\":\"board.cap\"");
    }

    @Test
    void theEventStreamPushesEachFrameAsItComesWithTheDropCount() throws Exception {
        Session alice = login(ConsoleFixture.OPERATOR);
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(console.url()).resolve("/api/stream?fleet=1"))
                .header("Cookie", alice.cookie()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
             GroundConnection sat = GroundConnection.open(broker.url())) {
            sat.publish("sunsync/" + SAT + "/tm/hk", Messages.hk(SAT, 4242, "2027-06-21T01:10:42Z", 79.0)
                    .getBytes(StandardCharsets.UTF_8), 1, false, null);
            String data = null;
            String id = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("id: ")) {
                    id = line.substring(4);
                }
                if (line.startsWith("data: ") && line.contains("\"seq\":4242")) {
                    data = line.substring(6);
                    break;
                }
            }
            JsonNode batch = JSON.readTree(data);
            assertThat(batch.path("dropped").asLong()).isZero();
            assertThat(id).matches("\\d+-\\d+");
            JsonNode row = null;
            for (JsonNode item : batch.path("items")) {
                if (item.path("k").asText().equals("fleet") && item.path("sat").asText().equals(SAT)) {
                    row = item;
                }
            }
            assertThat(row).isNotNull();
            assertThat(row.path("socPct").asDouble()).isEqualTo(79.0);
            assertThat(row.path("liveRxMs").asLong()).isEqualTo(clock.millis());
        }
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndUplotComesThroughTheWebjarsLocator() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        HttpResponse<String> uplot = get("/webjars/uplot/dist/uPlot.esm.js", null);
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(uplot.body()).contains("export { uPlot as default }");
        assertThat(get("/webjars/uplot/dist/nothing.js", null).statusCode()).isEqualTo(404);
    }

    @Test
    void historyComesFromTheArchiveThinnedForTheCharts() throws Exception {
        Session alice = login(ConsoleFixture.OPERATOR);
        try (FleetPublisher sat = new FleetPublisher(broker.url(), "hist-" + System.nanoTime(), List.of("sat-hist"),
                new SimulatedHousekeeping(8), 1)) {
            sat.runAsFastAsPossible(3000, 0, Instant.parse("2027-06-21T00:00:00Z"));
        }
        String path = "/api/sats/sat-hist/history?from=2027-06-21T00:00:00Z&to=2027-06-21T01:00:00Z";
        JsonNode h = await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(get(path, alice).body()),
                n -> n.path("rows").asInt() == 3000);
        assertThat(h.path("t").size()).as("thinned to each slice's lowest and highest").isLessThan(3000).isPositive();
        JsonNode soc = h.path("series").path("power.socPct");
        assertThat(soc.size()).isEqualTo(h.path("t").size());
        double[] all = archive.housekeeping(HkQuery.of("sat-hist", TimeRange.ALL, List.of("power.socPct"))).numbers("power.socPct");
        double max = java.util.Arrays.stream(all).max().orElseThrow();
        double min = java.util.Arrays.stream(all).min().orElseThrow();
        double shownMax = -1e9;
        double shownMin = 1e9;
        for (JsonNode v : soc) {
            shownMax = Math.max(shownMax, v.asDouble());
            shownMin = Math.min(shownMin, v.asDouble());
        }
        assertThat(shownMax).as("the extremes survive the thinning").isEqualTo(max);
        assertThat(shownMin).isEqualTo(min);
        JsonNode last = JSON.readTree(get("/api/sats/sat-hist/history?spanS=600", alice).body());
        assertThat(last.path("to").asText()).isEqualTo("2027-06-21T00:49:59Z");
        assertThat(last.path("rows").asInt()).isEqualTo(601);
        assertThat(code(get("/api/sats/sat-nothing/history?spanS=600", alice))).isEqualTo("NO_HISTORY");
        assertThat(code(get("/api/sats/sat-hist/history?from=yesterday", alice))).isEqualTo("BAD_PARAMETER");
    }

    @Test
    void aSessionIdleTooLongHasEnded() throws Exception {
        Session alice = login(ConsoleFixture.OPERATOR);
        clock.advance(Duration.ofMinutes(29));
        assertThat(get("/api/session", alice).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        HttpResponse<String> r = get("/api/session", alice);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("expired");
    }
}
