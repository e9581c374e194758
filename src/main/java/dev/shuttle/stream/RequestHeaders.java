package dev.shuttle.stream;

import dev.shuttle.config.HeaderNamePolicy;
import dev.shuttle.config.HttpSettings;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.SampleContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The header changes a request gets on its way to the server: the client's address
 * ({@code option forwardfor}, {@code originalto}, {@code forwarded}), and the header names a proxy
 * does not let through ({@code option http-restrict-req-hdr-names}).
 */
final class RequestHeaders {
    private RequestHeaders() {}

    /**
     * Adds the address headers the frontend and the backend ask for, as HAProxy 3.x combines them:
     * the header's name is the backend's (else the frontend's), a client in either side's
     * {@code except} network gets none, and {@code if-none} holds only when every side that asks
     * for the header says it. {@code Forwarded} is the backend's alone.
     */
    static void decorate(RequestHead head, ProxyConfig frontend, ProxyConfig backend, SocketAddress client,
                         SocketAddress local, boolean tls, SampleContext context) {
        HttpSettings front = frontend.http();
        HttpSettings back = backend.http();
        // configuration.txt, "unique-id-header": added before the address headers, as HAProxy does.
        frontend.logging().uniqueIdHeader().ifPresent(name ->
                context.uniqueId().ifPresent(id -> head.headers().add(name, id)));
        addAddress(head.headers(), front.forwardFor(), back.forwardFor(), client);
        addAddress(head.headers(), front.originalTo(), back.originalTo(), local);
        back.forwarded().ifPresent(option -> ForwardedHeader.add(option, head, client, local, tls, context));
    }

    private static void addAddress(HeaderList headers, Optional<HttpSettings.AddedHeader> front,
                                   Optional<HttpSettings.AddedHeader> back, SocketAddress address) {
        if (front.isEmpty() && back.isEmpty()) {
            return;
        }
        String name = back.or(() -> front).orElseThrow().header();
        boolean ifNone = front.map(HttpSettings.AddedHeader::ifNone).orElse(true)
                && back.map(HttpSettings.AddedHeader::ifNone).orElse(true);
        if (ifNone && headers.contains(name)) {
            return;
        }
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return;
        }
        InetAddress ip = inet.getAddress();
        if (excepted(front, ip) || excepted(back, ip)) {
            return;
        }
        headers.add(name, addressText(ip));
    }

    /** An address as HAProxy writes it in headers: IPv6 in inet_ntop's compressed form ({@code ::1}). */
    static String addressText(InetAddress address) {
        return address instanceof Inet6Address ? Casts.ipv6Text(address.getAddress()) : address.getHostAddress();
    }

    private static boolean excepted(Optional<HttpSettings.AddedHeader> option, InetAddress ip) {
        return option.flatMap(HttpSettings.AddedHeader::except).map(network -> network.matches(ip)).orElse(false);
    }

    /**
     * {@code option http-restrict-req-hdr-names} of one proxy, after its {@code http-request} rules:
     * true when the request must be refused (403), after removing the headers {@code delete} drops.
     */
    static boolean restrictNames(HeaderList headers, HeaderNamePolicy policy) {
        if (policy == HeaderNamePolicy.PRESERVE) {
            return false;
        }
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (!HeaderNamePolicy.isPlain(headers.get(i).name())) {
                if (policy == HeaderNamePolicy.REJECT) {
                    return true;
                }
                headers.remove(i);
            }
        }
        return false;
    }
}
