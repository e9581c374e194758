package dev.shuttle.stream;

import dev.shuttle.config.HttpSettings;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.RequestTarget;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header changes a request gets on its way to the server: the client's address
 * ({@code option forwardfor}, {@code originalto}, {@code forwarded}).
 */
final class RequestHeaders {
    private RequestHeaders() {}

    /** Adds the address headers the backend (first) or the frontend asks for. */
    static void decorate(RequestHead head, ProxyConfig frontend, ProxyConfig backend, SocketAddress client,
                         SocketAddress local) {
        HttpSettings front = frontend.http();
        HttpSettings back = backend.http();
        Optional<HttpSettings.AddedHeader> forwardFor = back.forwardFor().or(front::forwardFor);
        forwardFor.ifPresent(option -> addAddress(head.headers(), option, client));
        Optional<HttpSettings.AddedHeader> originalTo = back.originalTo().or(front::originalTo);
        originalTo.ifPresent(option -> addAddress(head.headers(), option, local));
        back.forwarded().ifPresent(parameters -> head.headers().add("Forwarded",
                forwardedValue(parameters, head, client, local)));
    }

    /** {@code X-Forwarded-For: <ip>}, unless the address is in the {@code except} network or {@code if-none} applies. */
    private static void addAddress(HeaderList headers, HttpSettings.AddedHeader option, SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return;
        }
        InetAddress ip = inet.getAddress();
        if (option.except().map(network -> network.matches(ip)).orElse(false)) {
            return;
        }
        if (option.ifNone() && headers.contains(option.header())) {
            return;
        }
        headers.add(option.header(), ip.getHostAddress());
    }

    /** RFC 7239 §4: {@code for=192.0.2.1;proto=http}; IPv6 and ports need quotes. */
    private static String forwardedValue(List<String> parameters, RequestHead head, SocketAddress client,
                                         SocketAddress local) {
        List<String> pairs = new ArrayList<>();
        for (String parameter : List.of("proto", "host", "by", "for")) {
            switch (parameter) {
                case "proto" -> {
                    if (parameters.contains("proto")) {
                        pairs.add("proto=http");
                    }
                }
                case "host" -> {
                    String host = head.headers().first("Host");
                    if (parameters.contains("host") && host != null) {
                        pairs.add("host=" + quoted(host));
                    }
                }
                case "by" -> {
                    if (parameters.contains("by") || parameters.contains("by_port")) {
                        pairs.add("by=" + node(local, parameters.contains("by_port")));
                    }
                }
                default -> {
                    if (parameters.contains("for") || parameters.contains("for_port")) {
                        pairs.add("for=" + node(client, parameters.contains("for_port")));
                    }
                }
            }
        }
        return String.join(";", pairs);
    }

    private static String node(SocketAddress address, boolean withPort) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return "unknown";
        }
        InetAddress ip = inet.getAddress();
        String name = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        if (withPort) {
            return "\"" + name + ":" + inet.getPort() + "\"";
        }
        return ip instanceof Inet6Address ? "\"" + name + "\"" : name;
    }

    private static String quoted(String value) {
        boolean token = value.chars().allMatch(c -> Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
        return token ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
