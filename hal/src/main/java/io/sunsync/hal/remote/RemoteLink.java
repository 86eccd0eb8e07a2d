package io.sunsync.hal.remote;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One TCP connection to a hardware-in-the-loop server speaking JSON lines: a request
 * {@code {"id": n, "op": "...", ...}} per line, one response {@code {"id": n, "ok": ...}} per
 * line. Connects on first use and again after any failure, so a server that restarts is
 * picked up. Failures are thrown as {@link RemoteException} for the device classes to turn
 * into faults.
 *
 * <p>Threading: {@link #call} is synchronized; requests from several devices are serialised.
 */
public final class RemoteLink implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final RemoteSettings settings;
    private Socket socket;
    private BufferedReader in;
    private BufferedWriter out;
    private long nextId = 1;

    public RemoteLink(RemoteSettings settings) {
        this.settings = settings;
    }

    /** Where this link connects, {@code host:port}. */
    public String address() {
        return settings.host() + ":" + settings.port();
    }

    /**
     * Sends {@code op} with {@code args} and returns the response's {@code result}.
     *
     * @throws RemoteException when the server cannot be reached, does not answer in time, or refuses
     */
    public synchronized JsonNode call(String op, ObjectNode args) throws RemoteException {
        ObjectNode req = args == null ? JSON.createObjectNode() : args.deepCopy();
        long id = nextId++;
        req.put("id", id);
        req.put("op", op);
        try {
            connect();
            out.write(JSON.writeValueAsString(req));
            out.newLine();
            out.flush();
            String line = in.readLine();
            if (line == null) {
                throw new IOException("server closed the connection");
            }
            JsonNode resp = JSON.readTree(line);
            if (resp.path("id").asLong(-1) != id) {
                throw new IOException("response out of order (id " + resp.path("id") + ", expected " + id + ")");
            }
            if (!resp.path("ok").asBoolean(false)) {
                throw new RemoteException(false, resp.path("error").path("code").asText("ERROR") + ": "
                        + resp.path("error").path("message").asText(""));
            }
            return resp.path("result");
        } catch (IOException e) {
            disconnect();
            boolean timeout = e instanceof java.net.SocketTimeoutException;
            throw new RemoteException(true, (timeout ? "no answer within " + settings.timeoutMs() + " ms from "
                    : "cannot reach ") + address() + ": " + e.getMessage());
        }
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(settings.host(), settings.port()), settings.timeoutMs());
            s.setSoTimeout(settings.timeoutMs());
            s.setTcpNoDelay(true);
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out = new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
            socket = s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken; nothing more to do
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    /** Converts a response result into {@code type}. */
    static <T> T convert(JsonNode node, Class<T> type) throws RemoteException {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new RemoteException(false, "unreadable answer for " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
