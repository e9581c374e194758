package dev.shuttle.stream;

import dev.shuttle.config.ForwardedOption;
import dev.shuttle.http.ForwardedSyntax;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.IpLiteral;
import dev.shuttle.http.RequestHead;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The {@code Forwarded} element a backend with {@code option forwarded} adds (RFC 7239), built as
 * HAProxy 3.x builds it: {@code proto}, {@code host}, {@code by}, {@code for} in that order, each
 * when asked; {@code host} always quoted; a node quoted when it carries a port or is an IPv6
 * address; an expression's text that is not an address becomes an obfuscated name ({@code _name},
 * §6.3), and an empty one {@code unknown}. The element extends the last {@code Forwarded} field when
 * every received element is well formed ({@link ForwardedSyntax}), else it starts a field of its own.
 */
final class ForwardedHeader {
    private ForwardedHeader() {}

    static void add(ForwardedOption option, RequestHead head, SocketAddress client, SocketAddress local, boolean tls,
                    SampleContext context) {
        String element = element(option, head, client, local, tls, context);
        HeaderList headers = head.headers();
        int last = -1;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).hasName("Forwarded")) {
                if (!wellFormed(headers.get(i).value())) {
                    headers.add("Forwarded", element);
                    return;
                }
                last = i;
            }
        }
        if (last < 0) {
            headers.add("Forwarded", element);
        } else {
            HeaderList.Field field = headers.get(last);
            headers.replace(last, field.name(), field.value() + "," + element);
        }
    }

    private static boolean wellFormed(String value) {
        for (String element : value.split(",", -1)) {
            if (!ForwardedSyntax.isValidElement(element.strip())) {
                return false;
            }
        }
        return true;
    }

    static String element(ForwardedOption option, RequestHead head, SocketAddress client, SocketAddress local,
                          boolean tls, SampleContext context) {
        StringBuilder out = new StringBuilder();
        if (option.proto()) {
            pair(out, "proto", tls ? "https" : "http");
        }
        option.host().ifPresent(source -> {
            String host = source instanceof ForwardedOption.Source.Expression e
                    ? text(e, context).orElse("") : Optional.ofNullable(head.headers().first("Host")).orElse("");
            pair(out, "host", "\"" + host.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        });
        option.by().ifPresent(source -> pair(out, "by", node(source, option.byPort(), local, context)));
        option.forNode().ifPresent(source -> pair(out, "for", node(source, option.forPort(), client, context)));
        return out.toString();
    }

    private static void pair(StringBuilder out, String name, String value) {
        if (!out.isEmpty()) {
            out.append(';');
        }
        out.append(name).append('=').append(value);
    }

    /** RFC 7239 §6: a node and its port, from the connection's address or from expressions. */
    private static String node(ForwardedOption.Source source, Optional<ForwardedOption.Source> portSource,
                               SocketAddress address, SampleContext context) {
        String name;
        if (source instanceof ForwardedOption.Source.Expression expression) {
            name = text(expression, context).map(ForwardedHeader::nodeName).orElse("unknown");
        } else if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            name = nodeName(inet.getAddress());
        } else {
            return "unknown";
        }
        String port = portSource.flatMap(p -> p instanceof ForwardedOption.Source.Expression e
                ? text(e, context).map(ForwardedHeader::port)
                : address instanceof InetSocketAddress inet ? Optional.of(Integer.toString(inet.getPort()))
                : Optional.empty()).orElse(null);
        if (port == null) {
            return name.startsWith("[") ? "\"" + name + "\"" : name;
        }
        return "\"" + name + ":" + port + "\"";
    }

    private static String nodeName(InetAddress address) {
        String text = RequestHeaders.addressText(address);
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    /** An expression's text as a node name: an address as such, else an obfuscated name. */
    private static String nodeName(String text) {
        if (IpLiteral.isIpv4(text) || text.equals("unknown")) {
            return text;
        }
        if (text.startsWith("[") && text.endsWith("]") && IpLiteral.isIpv6(text.substring(1, text.length() - 1))) {
            return text;
        }
        if (IpLiteral.isIpv6(text)) {
            return "[" + text + "]";
        }
        return text.startsWith("_") ? text : "_" + text;
    }

    /** An expression's text as a port: a number up to 65535 as such, else an obfuscated port. */
    private static String port(String text) {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (digits && Integer.parseInt(text) <= 65535) {
            return text;
        }
        return text.startsWith("_") ? text : "_" + text;
    }

    /** The expression's result as text; empty when it fails or gives an empty text. */
    private static Optional<String> text(ForwardedOption.Source.Expression expression, SampleContext context) {
        return expression.expression().evaluate(context).map(Sample::toText).filter(t -> !t.isEmpty());
    }
}
