package dev.shuttle.stream;

import dev.shuttle.config.CookieCapture;
import dev.shuttle.http.HeaderList;
import java.util.Optional;

/**
 * Finds the cookie {@code capture cookie} logs (configuration.txt, "capture cookie"): in the
 * request's {@code Cookie} headers, the first {@code name=value} pair (pairs are separated by
 * {@code ;} or {@code ,}) whose name starts with the prefix; in the response, the first {@code
 * Set-Cookie} whose cookie does. The text is {@code name=value}, cut to the capture's length.
 */
final class CookieCaptures {
    private CookieCaptures() {}

    static Optional<String> request(CookieCapture capture, HeaderList headers) {
        for (String value : headers.all("cookie")) {
            for (String pair : value.split("[;,]")) {
                Optional<String> found = matching(capture, pair.strip());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> response(CookieCapture capture, HeaderList headers) {
        for (String value : headers.all("set-cookie")) {
            int end = value.indexOf(';');
            Optional<String> found = matching(capture, (end < 0 ? value : value.substring(0, end)).strip());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> matching(CookieCapture capture, String pair) {
        int equals = pair.indexOf('=');
        if (equals <= 0 || !pair.startsWith(capture.prefix())) {
            return Optional.empty();
        }
        int length = Math.min(Math.min(capture.length(), CookieCapture.MAX_LENGTH), pair.length());
        return Optional.of(pair.substring(0, length));
    }
}
