package dev.shuttle.stream;

import dev.shuttle.http.HeaderList;
import dev.shuttle.http.ResponseHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a shared cache could store a response, as HAProxy judges it before marking one that gets
 * a persistence cookie {@code Cache-control: private} ({@code cookie ... nocache}): a safe method
 * (RFC 9110 §9.2.1), a status cacheable by default (RFC 9110 §15.1), no {@code Pragma: no-cache},
 * no {@code Cache-Control} directive that forbids it, and some freshness ({@code max-age},
 * {@code s-maxage}, {@code Expires}) or validator ({@code ETag}, {@code Last-Modified}) to store it
 * with (RFC 9111 §3).
 */
final class ResponseCacheability {
    private ResponseCacheability() {}

    static boolean cacheable(String method, ResponseHead head) {
        if (!(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE"))) {
            return false;
        }
        switch (head.status()) {
            case 200, 203, 204, 206, 300, 301, 404, 405, 410, 414, 501 -> { }
            default -> {
                return false;
            }
        }
        HeaderList headers = head.headers();
        String pragma = headers.first("pragma");
        if (pragma != null && pragma.equalsIgnoreCase("no-cache")) {
            return false;
        }
        boolean cacheable = true;
        boolean fresh = false;
        boolean nullMaxAge = false;
        for (String directive : directives(headers)) {
            String lower = directive.toLowerCase(Locale.ROOT);
            if (lower.equals("public")) {
                cacheable = true;
            } else if (lower.equals("max-age=0")) {
                nullMaxAge = true;
            } else if (lower.equals("no-cache=\"set-cookie\"")) {
                continue;
            } else if (lower.equals("private") || lower.startsWith("private=") || lower.equals("no-cache")
                    || lower.startsWith("no-cache=") || lower.equals("no-store") || lower.startsWith("no-store=")
                    || lower.equals("s-maxage=0")) {
                cacheable = false;
            } else if (lower.startsWith("s-maxage")) {
                fresh = true;
                nullMaxAge = false;
            } else if (lower.startsWith("max-age")) {
                fresh = true;
            }
        }
        if (nullMaxAge || !cacheable) {
            return false;
        }
        if (!fresh) {
            fresh = headers.contains("expires");
        }
        return fresh || headers.contains("etag") || headers.contains("last-modified");
    }

    /** Each comma-separated {@code Cache-Control} directive, trimmed. */
    private static List<String> directives(HeaderList headers) {
        List<String> all = new ArrayList<>();
        for (String value : headers.all("cache-control")) {
            for (String part : value.split(",")) {
                String trimmed = part.strip();
                if (!trimmed.isEmpty()) {
                    all.add(trimmed);
                }
            }
        }
        return all;
    }
}
