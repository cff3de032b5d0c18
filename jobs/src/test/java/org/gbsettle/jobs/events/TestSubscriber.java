package org.gbsettle.jobs.events;

import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A webhook subscriber for tests: a JDK HTTP server on a fixed localhost port that records every POST (headers, body)
 * and answers 204, or 503 while {@linkplain #answer(int) told to}; it can be stopped (connections refused) and
 * started again on the same port. {@link #distinct()} is what a consumer keeps after de-duplicating by {@code ce-id}.
 */
final class TestSubscriber {

    /** A request received: its headers (names in lower case), body and the status it was answered. */
    record Received(Map<String, String> headers, byte[] body, int answered) {

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        CloudEvent event() {
            return HttpMessageFactory.createReader(headers, body).toEvent();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private final List<Received> received = new ArrayList<>();
    private volatile int status = 204;
    private volatile long delayMillis;
    private @Nullable HttpServer server;

    private TestSubscriber(int port) {
        this.port = port;
    }

    /** A subscriber started on a free port. */
    static TestSubscriber start() {
        TestSubscriber s = new TestSubscriber(0);
        return s.startOn(0);
    }

    private TestSubscriber startOn(int p) {
        try {
            HttpServer h = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 0);
            TestSubscriber target = p == 0 ? new TestSubscriber(h.getAddress().getPort()) : this;
            h.createContext("/events", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders()
                        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                int answer = target.status;
                try {
                    Thread.sleep(target.delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                target.record(new Received(headers, body, answer));
                if (answer == 204) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    byte[] text = "down for maintenance".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(answer, text.length);
                    exchange.getResponseBody().write(text);
                }
                exchange.close();
            });
            h.start();
            target.server = h;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void record(Received r) {
        received.add(r);
    }

    /** The URL events are POSTed to. */
    String url() {
        return "http://127.0.0.1:" + port + "/events";
    }

    /** Answers {@code status} from now on (204 when up, e.g. 503 when down). */
    void answer(int newStatus) {
        this.status = newStatus;
    }

    /** Takes this long to answer each request from now on. */
    void delay(long millis) {
        this.delayMillis = millis;
    }

    /** Stops the server: connections are refused until {@link #restart()}. */
    synchronized void stop() {
        HttpServer h = server;
        if (h != null) {
            h.stop(0);
        }
        server = null;
    }

    /** Starts the server again on the same port. */
    synchronized void restart() {
        startOn(port);
    }

    /** Every request received, in order, duplicates included. */
    synchronized List<Received> all() {
        return List.copyOf(received);
    }

    /**
     * The requests accepted (answered 204), each event id once (its first acceptance), in order: what a consumer that
     * de-duplicates by {@code ce-id} processes.
     */
    synchronized List<Received> distinct() {
        Map<String, Received> byId = new LinkedHashMap<>();
        for (Received r : received) {
            if (r.answered() == 204) {
                byId.putIfAbsent(r.header("ce-id"), r);
            }
        }
        return List.copyOf(byId.values());
    }

    /** Forgets what was received. */
    synchronized void clear() {
        received.clear();
    }
}
