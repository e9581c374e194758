package dev.shuttle.stream;

import dev.shuttle.backend.Backend;
import dev.shuttle.http.RequestHead;
import dev.shuttle.server.Server;
import java.util.List;
import java.util.Optional;

/**
 * A server's {@code redir <prefix>} (configuration.txt §5.2): a GET or HEAD request that reaches
 * it is answered with a 302 to the prefix followed by the request's path and query, instead of
 * being forwarded; a prefix of {@code /} keeps the path alone. Other methods reach the server.
 */
final class ServerRedirect {
    private ServerRedirect() {}

    /** Whether a server of {@code backend} has a {@code redir} prefix. */
    static boolean anyIn(Backend backend) {
        List<Server> servers = backend.servers();
        for (int i = 0; i < servers.size(); i++) { // per GET or HEAD request: no iterator
            if (servers.get(i).config().persistence().redirect().isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Only GET and HEAD requests are redirected. */
    static boolean redirectable(RequestHead request) {
        return request.isMethod("GET") || request.isMethod("HEAD");
    }

    /** Where the request is sent instead of {@code server}, or empty when it goes to the server. */
    static Optional<String> location(Server server, RequestHead request) {
        Optional<String> prefix = server.config().persistence().redirect();
        if (prefix.isEmpty() || !redirectable(request)) {
            return Optional.empty();
        }
        String path = path(request.target());
        return Optional.of(prefix.get().equals("/") ? path : prefix.get() + path);
    }

    /** The path and query of a request target: an absolute URI loses its scheme and authority. */
    private static String path(String target) {
        int schemeEnd = target.indexOf("://");
        if (schemeEnd < 0 || target.startsWith("/")) {
            return target;
        }
        int slash = target.indexOf('/', schemeEnd + 3);
        return slash < 0 ? "/" : target.substring(slash);
    }
}
