package dev.shuttle.config;

import java.util.Arrays;
import java.util.Optional;

/** The timeouts a proxy may set with {@code timeout <kind> <time>} (configuration.txt, "timeout"). */
public enum TimeoutKind {
    CLIENT("client"), SERVER("server"), CONNECT("connect"), CHECK("check"), QUEUE("queue"),
    HTTP_KEEP_ALIVE("http-keep-alive"), HTTP_REQUEST("http-request"), TUNNEL("tunnel"), TARPIT("tarpit"),
    CLIENT_FIN("client-fin"), SERVER_FIN("server-fin"),
    /** The client's TLS handshake (3.x: "timeout client-hs"); falls back to {@code client}. */
    CLIENT_HS("client-hs");

    private final String keyword;

    TimeoutKind(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    public static Optional<TimeoutKind> fromKeyword(String word) {
        return Arrays.stream(values()).filter(kind -> kind.keyword.equals(word)).findFirst();
    }

    /** Whether a proxy section of this kind uses the timeout (HAProxy warns about the others). */
    public boolean appliesTo(ProxyKind proxy) {
        return switch (this) {
            case CLIENT, CLIENT_FIN, CLIENT_HS, HTTP_REQUEST, HTTP_KEEP_ALIVE -> proxy.hasFrontendCapability();
            case SERVER, SERVER_FIN, CONNECT, CHECK, QUEUE, TUNNEL -> proxy.hasBackendCapability();
            case TARPIT -> true;
        };
    }
}
