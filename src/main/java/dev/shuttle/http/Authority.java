package dev.shuttle.http;

/**
 * The characters an authority may carry, as HAProxy 3.x checks them in the absolute-form target
 * and in the first {@code Host} value before anything else reads them.
 *
 * <p>RFC 3986 §3.2.2 allows more than a proxy can safely pass on: a value that another agent
 * splits differently is a way to make two agents disagree on the destination (request smuggling
 * by authority). So, beyond RFC 9110 §7.2's {@code Host = uri-host [ ":" port ]}:
 * <ul>
 *   <li>controls, space, DEL and bytes above 0x7E are refused;</li>
 *   <li>{@code /}, {@code ?}, {@code #} (they end an authority in a URI), {@code @} (userinfo has no
 *       place in {@code Host}) and {@code \} (some agents read it as {@code /}) are refused;</li>
 *   <li>{@code ,} is refused although RFC 3986 allows it: it separates field values, so a
 *       {@code Host} holding one is ambiguous;</li>
 *   <li>brackets only frame an IP-literal: {@code [} first, and its {@code ]} last or before the
 *       port's {@code :}, one pair.</li>
 * </ul>
 */
public final class Authority {
    private Authority() {}

    /** Whether {@code authority} holds a character refused above (an empty value holds none). */
    public static boolean hasForbiddenChar(String authority) {
        int length = authority.length();
        boolean bracketOpen = false;
        for (int i = 0; i < length; i++) {
            char c = authority.charAt(i);
            if (c > 0x20 && c < 0x7F && c != ',' && c != '/' && c != '?' && c != '#' && c != '@'
                    && c != '\\' && c != '[' && c != ']') {
                continue;
            }
            if (c == '[' && i == 0) {
                bracketOpen = true;
            } else if (c == ']' && bracketOpen && (i == length - 1 || authority.charAt(i + 1) == ':')) {
                bracketOpen = false;
            } else {
                return true;
            }
        }
        return bracketOpen;
    }
}
