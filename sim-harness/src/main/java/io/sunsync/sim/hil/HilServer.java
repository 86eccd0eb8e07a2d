package io.sunsync.sim.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sunsync.hal.CommandResult;
import io.sunsync.hal.time.Seconds;
import io.sunsync.sim.SimAcceleratorBoard;
import io.sunsync.sim.SimNavigationOptions;
import io.sunsync.sim.SimNavigationReceiver;
import io.sunsync.sim.SimSatellite;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link SimSatellite} to hardware-in-the-loop clients over TCP: one JSON object per
 * line each way (protocol in {@code docs/sim-harness.md}). The model advances against the wall
 * clock at {@code speed} virtual seconds per wall second; every request is answered from the
 * model's state at that moment, and commands go to the same hal device views flight would use.
 *
 * <p>Threading: one acceptor thread, one thread per client, one pacer thread; the model locks
 * itself, so they share it safely. {@link #close()} stops everything and may be called from any thread.
 */
public final class HilServer implements AutoCloseable {
    /** Protocol version sent in {@code hello}. */
    public static final int PROTOCOL = 1;
    /** Longest request line accepted, in characters. */
    public static final int MAX_LINE_CHARS = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(HilServer.class);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final SimSatellite satellite;
    private final ServerSocket server;
    private final double speed;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Thread pacer;
    private SimNavigationReceiver navigation;

    private HilServer(SimSatellite satellite, ServerSocket server, double speed) {
        this.satellite = satellite;
        this.server = server;
        this.speed = speed;
        this.acceptor = new Thread(this::acceptLoop, "hil-accept");
        this.pacer = new Thread(this::paceLoop, "hil-pacer");
        acceptor.setDaemon(true);
        pacer.setDaemon(true);
    }

    /**
     * Starts serving {@code satellite} on {@code bindAddress}:{@code port} (0 for any free port).
     *
     * @param speed virtual seconds per wall second (&gt; 0)
     */
    public static HilServer start(SimSatellite satellite, String bindAddress, int port, double speed) throws IOException {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be > 0, was " + speed);
        }
        ServerSocket ss = new ServerSocket(port, 50, InetAddress.getByName(bindAddress));
        HilServer s = new HilServer(satellite, ss, speed);
        s.acceptor.start();
        s.pacer.start();
        LOG.info("HIL server on {}:{} (scenario {}, {}x)", bindAddress, ss.getLocalPort(), satellite.scenario().name(), speed);
        return s;
    }

    /** The port served. */
    public int port() {
        return server.getLocalPort();
    }

    private void paceLoop() {
        long wallStart = System.nanoTime();
        Instant virtualStart = satellite.now();
        while (running.get()) {
            double wallS = (System.nanoTime() - wallStart) / 1e9;
            satellite.advanceTo(virtualStart.plus(Seconds.of(wallS * speed)));
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptLoop() {
        while (running.get()) {
            try {
                Socket s = server.accept();
                if (!running.get()) {
                    s.close(); // accepted while closing
                    break;
                }
                s.setTcpNoDelay(true);
                clients.add(s);
                if (!running.get()) {
                    s.close();
                    break;
                }
                Thread t = new Thread(() -> serve(s), "hil-client-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (running.get()) {
                    LOG.warn("HIL accept failed: {}", e.toString());
                }
            }
        }
    }

    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                ObjectNode response = line.length() > MAX_LINE_CHARS
                        ? error(null, HilError.LINE_TOO_LONG, "request longer than " + MAX_LINE_CHARS + " characters")
                        : handle(line);
                out.write(JSON.writeValueAsString(response));
                out.newLine();
                out.flush();
            }
        } catch (SocketException e) {
            LOG.debug("HIL client gone: {}", e.toString());
        } catch (IOException e) {
            LOG.warn("HIL client failed: {}", e.toString());
        } finally {
            clients.remove(s);
        }
    }

    /** Answers one request line (public for tests of the protocol without a socket). */
    public ObjectNode handle(String line) {
        JsonNode req;
        try {
            req = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return error(null, HilError.BAD_REQUEST, "not JSON: " + e.getOriginalMessage());
        }
        if (req == null || !req.isObject() || !req.path("op").isTextual()) {
            return error(req == null ? null : req.get("id"), HilError.BAD_REQUEST, "expected {\"id\": n, \"op\": \"...\"}");
        }
        JsonNode id = req.get("id");
        String op = req.path("op").asText();
        try {
            return switch (op) {
                case "hello" -> ok(id, hello());
                case "time.now" -> ok(id, JSON.valueToTree(satellite.now()));
                case "power.spec" -> ok(id, JSON.valueToTree(satellite.power().spec()));
                case "power.read" -> ok(id, JSON.valueToTree(satellite.power().read()));
                case "thermal.spec" -> ok(id, JSON.valueToTree(satellite.thermal().spec()));
                case "thermal.read" -> ok(id, JSON.valueToTree(satellite.thermal().read()));
                case "thermal.setPump" -> command(id, satellite.thermal().setPump(text(req, "loop"), bool(req, "on")));
                case "thermal.setHeater" -> command(id, satellite.thermal().setHeater(text(req, "loop"), bool(req, "on")));
                case "boards.list" -> ok(id, JSON.valueToTree(satellite.boards().stream().map(b -> b.spec()).toList()));
                case "board.read" -> ok(id, JSON.valueToTree(board(req).read()));
                case "board.setCap" -> command(id, board(req).setCap(number(req, "capW")));
                case "board.setEnabled" -> command(id, board(req).setEnabled(bool(req, "enabled")));
                case "board.reset" -> command(id, board(req).reset());
                case "nav.spec" -> ok(id, JSON.valueToTree(navigation().spec()));
                case "nav.read" -> ok(id, JSON.valueToTree(navigation().read()));
                case "truth" -> {
                    ObjectNode t = JSON.valueToTree(satellite.truth());
                    t.remove("samples");
                    yield ok(id, t);
                }
                default -> error(id, HilError.UNKNOWN_OP, "no operation '" + op + "'");
            };
        } catch (BadRequest e) {
            return error(id, e.code, e.getMessage());
        }
    }

    private ObjectNode hello() {
        ObjectNode n = JSON.createObjectNode();
        n.put("protocol", PROTOCOL);
        n.put("server", "sunsync-sim-hil");
        n.put("scenario", satellite.scenario().name());
        n.put("boards", satellite.boards().size());
        n.set("loops", JSON.valueToTree(satellite.thermal().spec().loops()));
        n.set("now", JSON.valueToTree(satellite.now()));
        n.put("speed", speed);
        return n;
    }

    /** The satellite's navigation receiver (default options), made on first use. */
    private synchronized SimNavigationReceiver navigation() {
        if (navigation == null) {
            navigation = new SimNavigationReceiver(satellite, SimNavigationOptions.defaults());
        }
        return navigation;
    }

    private SimAcceleratorBoard board(JsonNode req) {
        String id = text(req, "board");
        List<SimAcceleratorBoard> boards = satellite.boards();
        for (SimAcceleratorBoard b : boards) {
            if (b.spec().id().equals(id)) {
                return b;
            }
        }
        throw new BadRequest(HilError.UNKNOWN_DEVICE, "no board '" + id + "'");
    }

    private static String text(JsonNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || !v.isTextual()) {
            throw new BadRequest(HilError.BAD_REQUEST, "'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || !v.isBoolean()) {
            throw new BadRequest(HilError.BAD_REQUEST, "'" + field + "' must be true or false");
        }
        return v.asBoolean();
    }

    private static double number(JsonNode req, String field) {
        JsonNode v = req.get(field);
        if (v == null || !v.isNumber()) {
            throw new BadRequest(HilError.BAD_REQUEST, "'" + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static ObjectNode ok(JsonNode id, JsonNode result) {
        ObjectNode n = JSON.createObjectNode();
        n.set("id", id);
        n.put("ok", true);
        n.set("result", result);
        return n;
    }

    private static ObjectNode command(JsonNode id, CommandResult r) {
        return ok(id, JSON.valueToTree(r));
    }

    private static ObjectNode error(JsonNode id, HilError code, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.set("id", id);
        n.put("ok", false);
        ObjectNode e = n.putObject("error");
        e.put("code", code.name());
        e.put("message", message);
        return n;
    }

    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final HilError code;

        BadRequest(HilError code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** Stops serving: closes the listening socket and every client connection. */
    @Override
    public void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing HIL server socket: {}", e.toString());
        }
        for (Socket s : List.copyOf(clients)) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing HIL client: {}", e.toString());
            }
        }
        pacer.interrupt();
        try {
            acceptor.join(Duration.ofSeconds(2).toMillis());
            pacer.join(Duration.ofSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
