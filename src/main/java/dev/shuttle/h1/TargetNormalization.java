package dev.shuttle.h1;

import dev.shuttle.http.RequestHead;
import dev.shuttle.http.RequestTarget;

/**
 * The normalisation an HTTP/1 request gets on arrival, before rules see it: HAProxy's
 * scheme-based normalisation of absolute-form targets, and the TLS default port of a CONNECT's
 * {@code Host}. Pure functions over the head and its parsed target.
 */
public final class TargetNormalization {
    private TargetNormalization() {}

    /**
     * HAProxy's scheme-based normalisation of an absolute-form request: an empty path becomes "/",
     * and the scheme's default port is removed from the target's authority and from {@code Host}
     * ({@code http://a:80} becomes {@code http://a/}).
     */
    public static void normalize(RequestHead head, RequestTarget target) {
        if (target.form() == RequestTarget.Form.AUTHORITY) {
            // A CONNECT is for a TLS tunnel by default: HAProxy drops ":443" from its Host.
            String host = head.headers().first("Host");
            if (host != null && host.endsWith(":443")) {
                head.headers().set("Host", host.substring(0, host.length() - 4));
            }
            return;
        }
        if (target.form() != RequestTarget.Form.ABSOLUTE || target.scheme() == null) {
            return;
        }
        if (target.path().isEmpty() && target.query() == null && !head.isMethod("OPTIONS")) {
            // RFC 9112 §3.2.1: an empty path is sent as "/" (OPTIONS excepted, §3.2.4), as HAProxy 3.x does.
            head.target(head.target() + "/");
        }
        String defaultPort = target.scheme().equalsIgnoreCase("http") ? ":80"
                : target.scheme().equalsIgnoreCase("https") ? ":443" : null;
        if (defaultPort == null || target.authority() == null || !target.authority().endsWith(defaultPort)) {
            return;
        }
        String prefix = target.scheme() + "://" + target.authority();
        if (head.target().regionMatches(true, 0, prefix, 0, prefix.length())) {
            head.target(head.target().substring(0, prefix.length() - defaultPort.length())
                    + head.target().substring(prefix.length()));
        }
        String host = head.headers().first("Host");
        if (host != null && host.endsWith(defaultPort)) {
            head.headers().set("Host", host.substring(0, host.length() - defaultPort.length()));
        }
    }
}
