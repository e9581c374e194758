package dev.shuttle.config;

/**
 * {@code option http-restrict-req-hdr-names}: what becomes of a request header whose name holds a
 * character outside {@code [A-Za-z0-9-]} (configuration.txt, HAProxy 2.6+). Applied by each proxy
 * after its own {@code http-request} rules. Agents that map header names to variables (CGI, FastCGI:
 * {@code X_Forwarded-For} and {@code X-Forwarded-For} both become {@code HTTP_X_FORWARDED_FOR}) can
 * be fooled by such names.
 */
public enum HeaderNamePolicy {
    /** Forward them (the default). */
    PRESERVE,
    /** Remove those headers. */
    DELETE,
    /** Refuse the request with a 403. */
    REJECT;

    /** Whether {@code name} is made only of letters, digits and {@code -}. */
    public static boolean isPlain(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
