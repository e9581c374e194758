package dev.shuttle.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP origin server that echoes back what it received, to see what a proxy forwarded.
 *
 * <p>Usage: {@code java -cp ... dev.shuttle.demo.DemoOrigin <name> <port>}. It listens on
 * 127.0.0.1 and answers every request with 200 and a plain-text body naming itself, the
 * request method, path and headers; {@code /health} answers 200 {@code ok}, for health checks.
 * Each exchange runs on its own virtual thread, like the proxy's connections.
 */
public final class DemoOrigin {

    private DemoOrigin() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: DemoOrigin <name> <port>");
            System.exit(2);
        }
        String name = args[0];
        int port = Integer.parseInt(args[1]);

        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        HttpServer server = HttpServer.create(address, 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        // The most specific context wins, so /health is matched before "/".
        server.createContext("/health", exchange -> respond(exchange, "ok\n"));
        server.createContext("/", exchange -> respond(exchange, describe(name, exchange)));
        server.start();
        System.err.println("DemoOrigin " + name + " listening on " + address);
    }

    /** The echo body: who answered, and the request as this origin saw it. */
    private static String describe(String name, HttpExchange exchange) {
        StringBuilder body = new StringBuilder();
        body.append("origin: ").append(name).append('\n');
        body.append("request: ").append(exchange.getRequestMethod()).append(' ')
                .append(exchange.getRequestURI()).append(' ').append(exchange.getProtocol()).append('\n');
        body.append("from: ").append(exchange.getRemoteAddress()).append('\n');
        body.append("headers:\n");
        // The JDK's Headers normalises names ("x-test" arrives as "X-test"), so compare names
        // case-insensitively; values are exactly as received. Sorted for a stable listing.
        Map<String, List<String>> sorted = new TreeMap<>(exchange.getRequestHeaders());
        sorted.forEach((header, values) ->
                values.forEach(value -> body.append("  ").append(header).append(": ").append(value).append('\n')));
        return body.toString();
    }

    /** Sends a 200 text/plain response and closes the exchange (after draining the request body). */
    private static void respond(HttpExchange exchange, String text) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "text/plain; charset=utf-8");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            // -1 means "no body" to HttpServer; HEAD must not carry one.
            exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
