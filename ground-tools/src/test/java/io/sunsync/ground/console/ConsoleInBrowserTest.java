package io.sunsync.ground.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sunsync.ground.console.push.ClientFeed;
import io.sunsync.ground.fleet.sim.FleetPublisher;
import io.sunsync.ground.fleet.sim.SimulatedHousekeeping;
import io.sunsync.ground.mqtt.GroundConnection;
import io.sunsync.ground.store.ArchiveStore;
import io.sunsync.ground.store.StoreUrl;
import io.sunsync.ground.tc.CommandKeyFile;
import io.sunsync.ground.tc.CommandSigner;
import io.sunsync.ground.testing.ConsoleFixture;
import io.sunsync.ground.testing.FlightChild;
import io.sunsync.ground.testing.FlyingSatellite;
import io.sunsync.testkit.EmbeddedBroker;
import io.sunsync.testkit.HeadlessChromium;
import io.sunsync.testkit.TcpProxy;
import io.sunsync.testkit.TestPki;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real headless Chromium against the real flight software (a child process on
 * the sim backend) over an embedded MQTT 5 broker: one flight process and one console for the
 * whole class, tests in the order an operator would go. Screenshots of each page land in
 * {@code target/console-screenshots}.
 */
@Tag("browser")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleInBrowserTest {
    static final String SAT = "sat-web";
    static final Path SHOTS = Path.of("target", "console-screenshots");
    static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    static Path dir;
    static EmbeddedBroker broker;
    static TcpProxy link;
    static FlightChild flight;
    static ArchiveStore archive;
    static ConsoleFixture console;
    static HeadlessChromium browser;
    static HeadlessChromium second;
    static WebDriver web;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.shared();
        flight = FlightChild.start(dir, SAT, broker.url(), 5, 1.0);
        link = TcpProxy.to(broker.port()); // the console's way to the broker, to cut for an outage
        archive = StoreUrl.sqlite(dir.resolve("archive.db")).open();
        console = ConsoleFixture.start(dir.resolve("console"), """
                broker: {url: "%s", clientIdPrefix: web}
                satellites:
                  %s: {keyFile: %s, telemetryKeyFile: %s}
                """.formatted(link.url(), SAT, flight.keys(), FlyingSatellite.telemetryKeyFile(dir, SAT)), Clock.systemUTC(),
                Duration.ofMinutes(30), archive);
        browser = HeadlessChromium.start(dir.resolve("chromium-a"), 1600, 1000);
        web = browser.driver();
        // The pages re-render lists as updates come; an element found a moment ago may be gone: look again.
        Awaitility.ignoreExceptionByDefault(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stop() {
        Awaitility.reset();
        if (browser != null) {
            browser.close();
        }
        if (second != null) {
            second.close();
        }
        if (link != null) {
            link.close();
        }
        if (console != null) {
            console.close();
        }
        if (flight != null) {
            flight.close();
        }
        if (archive != null) {
            archive.close();
        }
    }

    static WebElement waitFor(String css) {
        return await().atMost(WAIT).until(() -> web.findElements(By.cssSelector(css)), l -> !l.isEmpty()).get(0);
    }

    /** Clicks the element {@code css} names, looking again if the page re-rendered it meanwhile. */
    static void click(String css) {
        await().atMost(WAIT).until(() -> {
            web.findElement(By.cssSelector(css)).click();
            return true;
        });
    }

    static void login(WebDriver d, String user, String password) {
        d.get(console.url() + "login.html");
        d.findElement(By.id("login-user")).sendKeys(user);
        d.findElement(By.id("login-password")).sendKeys(password);
        d.findElement(By.id("login-submit")).click();
    }

    @Test
    @Order(1)
    void anOperatorLogsInAndSeesTheSatelliteInTheFleet() throws Exception {
        web.get(console.url());
        await().atMost(WAIT).until(() -> web.getCurrentUrl().contains("login.html"));
        login(web, ConsoleFixture.OPERATOR, "wrong password, surely");
        assertThat(await().atMost(WAIT).until(() -> web.findElement(By.id("login-error")).getText(), t -> !t.isBlank()))
                .contains("wrong user name or password");

        login(web, ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD);
        WebElement row = waitFor("#fleet-body tr[data-sat='" + SAT + "']");
        await().atMost(WAIT).until(() -> row.getText().contains("online") && row.getText().contains("NOMINAL"));
        assertThat(web.findElement(By.id("link-chip")).getText()).isEqualTo("broker up");
        assertThat(web.findElement(By.id("user-chip")).getText()).isEqualTo(ConsoleFixture.OPERATOR);
        browser.screenshot(SHOTS.resolve("fleet.png"));
    }

    @Test
    @Order(2)
    void theSatellitePageShowsHousekeepingMovingWithUnitsAndCharts() {
        web.get(console.url() + "#/sat/" + SAT);
        waitFor("td[data-point='power.socPct']");
        String seq = "td[data-point='seq']";
        waitFor(seq);
        String first = await().atMost(WAIT).until(() -> text(seq), t -> !t.isBlank());
        await().atMost(WAIT).until(() -> !text(seq).isBlank() && !text(seq).equals(first));
        assertThat(text("td[data-point='power.socPct'] + td")).isEqualTo("%");
        assertThat(web.findElements(By.cssSelector("#sat-charts .chart canvas"))).hasSizeGreaterThanOrEqualTo(4);
        await().atMost(WAIT).until(() -> web.findElements(By.cssSelector("#sat-charts .u-legend")).size() >= 4);
        click("#history-bar button[data-span='3600']");
        assertThat(await().atMost(WAIT).until(() -> text("#history-note"), t -> t.startsWith("Archive")))
                .contains("frames").contains("Live paused");
        browser.screenshot(SHOTS.resolve("satellite.png"));
        click("#history-live");
    }

    @Test
    @Order(3)
    void aCommandIsSentAndSeenCompleted() throws Exception {
        web.get(console.url() + "#/sat/" + SAT + "/commanding");
        selectCommand("ping");
        waitFor("#arg-echo").sendKeys("hello from the console");
        web.findElement(By.id("send-button")).click();
        assertThat(waitFor("#cmd-message").getText()).contains("sent as sequence number");
        String row = await().atMost(WAIT).until(() -> web.findElements(By.cssSelector("#cmd-history tr[data-name='ping']")).stream()
                .filter(r -> "COMPLETED".equals(r.getAttribute("data-final"))).map(WebElement::getText).findFirst().orElse(""),
                t -> !t.isEmpty());
        assertThat(row).contains(ConsoleFixture.OPERATOR).contains("ACCEPTED").contains("COMPLETED");
        List<String> audit = Files.readAllLines(console.auditLog());
        assertThat(audit).anySatisfy(l -> assertThat(l).contains("\"action\":\"SENT\"").contains("\"name\":\"ping\"")
                .containsPattern("\"payloadSha256\":\"[0-9a-f]{64}\"").contains("\"user\":\"alice\""));
        await().atMost(WAIT).until(() -> Files.readAllLines(console.auditLog()).stream()
                .anyMatch(l -> l.contains("\"action\":\"OUTCOME\"") && l.contains("\"stage\":\"COMPLETED\"")));
        browser.screenshot(SHOTS.resolve("commanding.png"));
    }

    @Test
    @Order(4)
    void badInputIsRefusedOnThePageAndNothingIsSent() throws Exception {
        long sent = audited("SENT");
        web.get(console.url() + "#/sat/" + SAT + "/commanding");
        selectCommand("board.cap");
        waitFor("#arg-board").sendKeys("board-00");
        waitFor("#arg-capW").sendKeys("200000");
        web.findElement(By.id("send-button")).click();
        assertThat(waitFor("#err-capW").getText()).contains("at most 100000");
        assertThat(waitFor("#cmd-message").getText()).contains("nothing was sent");
        selectCommand("forecast.ephemeris");
        waitFor("#arg-windows").sendKeys("[not json");
        web.findElement(By.id("send-button")).click();
        assertThat(waitFor("#err-windows").getText()).contains("not JSON");

        web.get(console.url() + "#/sat/" + SAT + "/jobs");
        waitFor("#job-spec").sendKeys("id: [unclosed");
        web.findElement(By.id("job-submit")).click();
        assertThat(await().atMost(WAIT).until(() -> waitFor("#job-message").getText(), t -> t.contains("BAD_SPEC")))
                .contains("not valid JSON/YAML");

        web.get(console.url() + "#/sat/sat-nowhere");
        assertThat(waitFor("#view .error").getText()).contains("UNKNOWN_SATELLITE").contains("sat-nowhere");
        assertThat(audited("SENT")).as("nothing was sent").isEqualTo(sent);
    }

    @Test
    @Order(5)
    void aForgedCommandOnTheLinkIsSeenRejected() throws Exception {
        CommandSigner forger = CommandKeyFile.generate(dir.resolve("forged.keys.json"), SAT, 1).signer(1);
        byte[] forged = forger.sign(CommandSigner.Command.of(777_777, "ping", new ObjectMapper().createObjectNode(),
                Instant.parse("2099-01-01T00:00:00Z")));
        try (GroundConnection attacker = GroundConnection.open(broker.url())) {
            attacker.publish("sunsync/" + SAT + "/tc", forged, 1, false, null);
        }
        web.get(console.url() + "#/commands");
        String row = await().atMost(WAIT).until(() -> web.findElements(By.cssSelector("#all-commands tr")).stream()
                .map(WebElement::getText).filter(t -> t.contains("BAD_MAC")).findFirst().orElse(""), t -> !t.isEmpty());
        assertThat(row).contains("someone else").contains("ping").contains("REJECTED (BAD_MAC)").contains("777777");
        browser.screenshot(SHOTS.resolve("commands.png"));
    }

    @Test
    @Order(6)
    void aCriticalCommandIsArmedThenConfirmedThenExecuted() throws Exception {
        web.get(console.url() + "#/sat/" + SAT + "/commanding");
        selectCommand("mode.set");
        new Select(waitFor("#arg-mode")).selectByVisibleText("POWER_SAVE");
        waitFor("#arg-reason").sendKeys("console drill");
        assertThat(web.findElements(By.id("send-button"))).as("no plain send for a critical command").isEmpty();
        web.findElement(By.id("dry-run-button")).click();
        assertThat(waitFor("#dry-run").getText()).contains("\"mac\"").contains("\"name\" : \"mode.set\"").contains("POWER_SAVE");
        browser.screenshot(SHOTS.resolve("dry-run.png"));

        web.findElement(By.id("arm-button")).click();
        assertThat(waitFor("#armed").getText()).contains("ARMED: mode.set").contains("POWER_SAVE");
        waitFor("#confirm-sat").sendKeys("sat-other");
        web.findElement(By.id("execute")).click();
        await().atMost(WAIT).until(() -> waitFor("#cmd-message").getText().contains("NOT_CONFIRMED"));
        assertThat(web.findElements(By.id("armed"))).as("still armed, waiting for a confirmation").hasSize(1);
        browser.screenshot(SHOTS.resolve("armed.png"));

        WebElement confirm = web.findElement(By.id("confirm-sat"));
        confirm.clear();
        confirm.sendKeys(SAT);
        web.findElement(By.id("execute")).click();
        await().atMost(WAIT).until(() -> waitFor("#cmd-message").getText().contains("executed"));
        await().atMost(WAIT).until(() -> web.findElements(By.cssSelector("#cmd-history tr[data-name='mode.set']")).stream()
                .anyMatch(r -> "COMPLETED".equals(r.getAttribute("data-final"))));
        await().atMost(WAIT).until(() -> web.findElement(By.cssSelector(".sat-head")).getText().contains("POWER_SAVE"));
        assertThat(Files.readString(console.auditLog())).contains("\"action\":\"ARMED\"").contains("\"action\":\"NOT_CONFIRMED\"")
                .contains("\"action\":\"CONFIRMED\"");
    }

    @Test
    @Order(7)
    void alarmsAreAcknowledgedByNameAndEveryOperatorSeesWho() throws Exception {
        second = HeadlessChromium.start(dir.resolve("chromium-b"), 1400, 900);
        WebDriver bob = second.driver();
        login(bob, ConsoleFixture.VIEWER, ConsoleFixture.PASSWORD);
        await().atMost(WAIT).until(() -> !bob.findElements(By.cssSelector("#fleet-body tr[data-sat='" + SAT + "']")).isEmpty());
        bob.get(console.url() + "#/alarms");
        web.get(console.url() + "#/alarms");
        assertThat(await().atMost(WAIT).until(() -> modeAlarm(web).getText(), t -> !t.isEmpty())).contains(SAT).contains("POWER_SAVE");
        assertThat(await().atMost(WAIT).until(() -> modeAlarm(bob).getText(), t -> !t.isEmpty())).contains("not acknowledged");
        assertThat(modeAlarm(bob).findElements(By.cssSelector("button.ack"))).as("a viewer cannot acknowledge").isEmpty();
        await().atMost(WAIT).until(() -> {
            modeAlarm(web).findElement(By.cssSelector("button.ack")).click();
            return true;
        });
        await().atMost(WAIT).until(() -> modeAlarm(bob).getText().contains(ConsoleFixture.OPERATOR + " at"));
        browser.screenshot(SHOTS.resolve("alarms.png"));

        web.get(console.url() + "#/sat/" + SAT + "/commanding");
        selectCommand("mode.set");
        new Select(waitFor("#arg-mode")).selectByVisibleText("NOMINAL");
        web.findElement(By.id("arm-button")).click();
        waitFor("#confirm-sat").sendKeys(SAT);
        web.findElement(By.id("execute")).click();
        await().atMost(WAIT).until(() -> web.findElement(By.cssSelector(".sat-head")).getText().contains("NOMINAL"));
        bob.get(console.url() + "#/fleet");
        bob.get(console.url() + "#/alarms");
        await().atMost(WAIT).until(() -> bob.findElements(By.cssSelector("#alarm-body tr")).stream()
                .noneMatch(r -> r.getText().contains(SAT) && r.getText().contains("POWER_SAVE") && r.getText().contains("alice at")));
    }

    static WebElement modeAlarm(WebDriver d) {
        return await().atMost(WAIT).until(() -> d.findElements(By.cssSelector("#alarm-body tr")).stream()
                .filter(r -> r.findElements(By.cssSelector("td")).size() > 3
                        && r.findElements(By.cssSelector("td")).get(3).getText().equals("mode")).findFirst(),
                java.util.Optional::isPresent).get();
    }

    @Test
    @Order(8)
    void aJobIsSubmittedFollowedAndItsVerifiedResultDownloaded() throws Exception {
        Path downloads = dir.resolve("chromium-a").resolve("downloads");
        browser.cdp("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        web.get(console.url() + "#/sat/" + SAT + "/jobs");
        WebElement spec = waitFor("#job-spec");
        spec.clear();
        spec.sendKeys("id: console-e2e\nowner: ops\nkind: process\nboards: {count: 1}\nprocess:\n"
                + "  command: [\"sh\", \"-c\", \"yes sunsync-result | head -c 150000 > $SUNSYNC_RESULT_DIR/data.txt\"]\n");
        web.findElement(By.id("job-submit")).click();
        assertThat(await().atMost(WAIT).until(() -> waitFor("#job-message").getText(), t -> !t.isBlank())).contains("submitted");
        await().atMost(Duration.ofSeconds(90)).until(() -> text("#job-body tr[data-job='console-e2e']").contains("SUCCEEDED"));
        await().atMost(Duration.ofSeconds(90)).until(() -> text("#result-body tr[data-result='console-e2e']").contains("VERIFIED"));
        browser.screenshot(SHOTS.resolve("jobs.png"));
        click("#result-body tr[data-result='console-e2e'] a.download");
        Path file = downloads.resolve("data.txt");
        await().atMost(WAIT).until(() -> Files.isRegularFile(file) && Files.size(file) == 150_000);
        assertThat(Files.readString(file)).startsWith("sunsync-result\nsunsync-result\n");
        click("#result-body tr[data-result='console-e2e'] button.release");
        await().atMost(WAIT).until(() -> text("#result-body tr[data-result='console-e2e']").contains("ACKNOWLEDGED"));
    }

    /** The text of the first element matching {@code css} now ("" if none, or if it was just re-rendered). */
    static String text(String css) {
        try {
            List<WebElement> l = web.findElements(By.cssSelector(css));
            return l.isEmpty() ? "" : l.get(0).getText();
        } catch (StaleElementReferenceException rerendered) {
            return "";
        }
    }

    @Test
    @Order(9)
    void aStalledBrowserDoesNotSlowTheFirst() throws Exception {
        WebDriver bob = second.driver();
        bob.get(console.url() + "#/fleet");
        await().atMost(WAIT).until(() -> !bob.findElements(By.cssSelector("#fleet-body tr[data-sat='" + SAT + "']")).isEmpty());
        web.get(console.url() + "#/fleet");
        waitFor("#fleet-body tr[data-sat='" + SAT + "']");
        // The second page stops reading, as a frozen tab does: none of its tasks run, its socket fills.
        second.cdp("Page.setWebLifecycleState", Map.of("state", "frozen"));
        try (FleetPublisher flood = new FleetPublisher(broker.url(), "flood-" + System.nanoTime(),
                SimulatedHousekeeping.fleet(2000), new SimulatedHousekeeping(8), 2)) {
            flood.runAsFastAsPossible(40, 0, Instant.parse("2027-06-21T00:00:00Z"));
        }
        // (a page stalled past the server's idle timeout, 30 s, is disconnected; it reconnects when it wakes)
        ClientFeed.Stats stalled = await().atMost(Duration.ofSeconds(20)).until(() -> console.console().hub().stats().stream()
                .filter(f -> f.user().equals(ConsoleFixture.VIEWER)).findFirst().orElseThrow(),
                f -> f.superseded() + f.evicted() > 0);
        assertThat(stalled.waiting()).as("the stalled page's queue holds at most one update per key: %s", stalled)
                .isLessThanOrEqualTo(2002 + 50);
        WebElement filter = waitFor("#fleet-filter");
        filter.sendKeys("sat-2000");
        // The console first takes in the whole flood (80,000 signed frames, each checked, beside two
        // Chromiums on this 2-core machine): once in a full CI run 60 s was not enough, the check's
        // WebDriver call itself still waiting for the page when the time ran out. A page held up by
        // the stalled one would never show the last frame, so a longer wait still fails on that.
        await().atMost(Duration.ofSeconds(180)).until(() -> text("#fleet-body tr[data-sat='sat-2000']").contains("00:00:39Z"));
        filter.clear();
        filter.sendKeys(SAT);
        String before = text("#fleet-body tr[data-sat='" + SAT + "']");
        await().atMost(WAIT).until(() -> !text("#fleet-body tr[data-sat='" + SAT + "']").equals(before));
        browser.screenshot(SHOTS.resolve("fleet-2001.png"));
        second.cdp("Page.setWebLifecycleState", Map.of("state", "active"));
        await().atMost(WAIT).until(() -> bob.findElement(By.id("drop-chip")).getText(), t -> !t.startsWith("0 "));
    }

    @Test
    @Order(10)
    void anExpiredSessionSendsThePageToTheLogin() {
        web.manage().deleteCookieNamed("sunsync_session");
        web.get(console.url() + "#/alarms");
        await().atMost(WAIT).until(() -> web.getCurrentUrl().contains("login.html"));
        assertThat(waitFor("#login-error").getText()).contains("session");
        login(web, ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD);
        waitFor("#fleet-filter").sendKeys(SAT);
        waitFor("#fleet-body tr[data-sat='" + SAT + "']");
    }

    @Test
    @Order(11)
    void aBrokerOutageShowsOnThePageAndTheConsoleReconnectsByItself() {
        web.get(console.url() + "#/sat/" + SAT);
        String seq = "td[data-point='seq']";
        waitFor(seq);
        link.cut();
        await().atMost(WAIT).until(() -> text("#link-chip").equals("broker DOWN"));
        assertThat(waitFor("#banner").getText()).contains("unreachable since").contains("Reconnecting by itself");
        browser.screenshot(SHOTS.resolve("outage.png"));
        link.restore();
        await().atMost(Duration.ofSeconds(60)).until(() -> text("#link-chip").equals("broker up"));
        assertThat(web.findElement(By.id("banner")).isDisplayed()).isFalse();
        String after = text(seq);
        await().atMost(WAIT).until(() -> !text(seq).isEmpty() && !text(seq).equals(after));
    }

    /** Optional TLS: the console on HTTPS from PEM files (as Mosquitto's), its cookie then Secure, with HSTS. */
    @Test
    @Order(12)
    void theConsoleServesHttpsWithASecureCookie() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"), "sunsync-console-ca");
        try (ConsoleFixture https = ConsoleFixture.start(dir.resolve("console-tls"), "broker: {url: \"" + broker.url() + "\"}\n",
                Clock.systemUTC(), Duration.ofMinutes(30), null, pki.serverCertificate(), pki.serverKey())) {
            assertThat(https.url()).startsWith("https://127.0.0.1:");
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(pki.caCertificate())).build();
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(https.url() + "api/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"user\":\"alice\",\"password\":\"" + ConsoleFixture.PASSWORD + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie").orElse("")).contains("Secure").contains("HttpOnly");
            assertThat(login.headers().firstValue("Strict-Transport-Security")).isPresent();
            HttpClient untrusting = HttpClient.newHttpClient();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(
                    URI.create(https.url() + "login.html")).build(), HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    static javax.net.ssl.SSLContext trusting(Path caPem) throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var in = Files.newInputStream(caPem)) {
            ks.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static long audited(String action) throws Exception {
        return Files.readAllLines(console.auditLog()).stream().filter(l -> l.contains("\"action\":\"" + action + "\"")).count();
    }

    static void selectCommand(String name) {
        WebElement select = waitFor("#cmd-select");
        await().atMost(WAIT).until(() -> select.findElements(By.cssSelector("option[value='" + name + "']")).size() == 1);
        new Select(select).selectByValue(name);
    }
}
