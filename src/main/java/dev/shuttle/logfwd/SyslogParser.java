package dev.shuttle.logfwd;

import java.util.List;

/**
 * Splits a received syslog message into its header fields, recognising RFC 5424 and RFC 3164
 * headers the way haproxy 3.5's {@code log-forward} does (checked by relaying messages through
 * it): a priority of up to three digits (kept as written, even beyond 191); an RFC 5424 header
 * after {@code 1 }; else an RFC 3164 time, host name and optional {@code TAG[pid]: } or
 * {@code TAG: } (a tag must end with a colon and a space, or there is none and the text starts
 * after the host name); anything that fits neither is text. Pure: text in, record out.
 */
public final class SyslogParser {
    private static final List<String> MONTHS =
            List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");

    private SyslogParser() {}

    /** Parses one message (its framing, and a final line feed, already taken off). */
    public static SyslogMessage parse(String message) {
        int priority = -1;
        int at = 0;
        int close = message.indexOf('>');
        if (message.startsWith("<") && close >= 2 && close <= 4 && digits(message, 1, close)) {
            priority = Integer.parseInt(message.substring(1, close));
            at = close + 1;
        }
        String rest = message.substring(at);
        if (rest.startsWith("1 ")) {
            SyslogMessage rfc5424 = rfc5424(priority, rest.substring(2));
            if (rfc5424 != null) {
                return rfc5424;
            }
        }
        SyslogMessage rfc3164 = rfc3164(priority, rest);
        return rfc3164 != null ? rfc3164
                : new SyslogMessage(priority, SyslogMessage.Layout.RAW, null, null, null, null, null, null, rest);
    }

    /** RFC 5424 §6: TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]. */
    private static SyslogMessage rfc5424(int priority, String header) {
        String[] fields = new String[5];
        int at = 0;
        for (int i = 0; i < fields.length; i++) {
            int space = header.indexOf(' ', at);
            if (space <= at) {
                return null;
            }
            fields[i] = header.substring(at, space);
            at = space + 1;
        }
        int sdEnd = structuredDataEnd(header, at);
        if (sdEnd < 0) {
            return null;
        }
        String structuredData = header.substring(at, sdEnd);
        String text = sdEnd < header.length() && header.charAt(sdEnd) == ' ' ? header.substring(sdEnd + 1)
                : header.substring(sdEnd);
        return new SyslogMessage(priority, SyslogMessage.Layout.RFC5424, nil(fields[0]), nil(fields[1]),
                nil(fields[2]), nil(fields[3]), nil(fields[4]), nil(structuredData), text);
    }

    /** Where the STRUCTURED-DATA starting at {@code at} ends: {@code -}, or {@code [...]} elements (RFC 5424 §6.3). */
    private static int structuredDataEnd(String header, int at) {
        if (header.startsWith("-", at)) {
            return at + 1 == header.length() || header.charAt(at + 1) == ' ' ? at + 1 : -1;
        }
        int i = at;
        while (i < header.length() && header.charAt(i) == '[') {
            boolean quoted = false;
            i++;
            while (i < header.length() && (quoted || header.charAt(i) != ']')) {
                char c = header.charAt(i);
                if (quoted && c == '\\') {
                    i++; // §6.3.3: '"', '\' and ']' are escaped inside a PARAM-VALUE
                } else if (c == '"') {
                    quoted = !quoted;
                }
                i++;
            }
            if (i >= header.length()) {
                return -1;
            }
            i++;
        }
        return i == at || (i < header.length() && header.charAt(i) != ' ') ? -1 : i;
    }

    /** RFC 3164 §4.1.2: {@code Mmm dd hh:mm:ss HOSTNAME }, then the MSG part with its optional TAG. */
    private static SyslogMessage rfc3164(int priority, String rest) {
        if (rest.length() < 16 || !isRfc3164Time(rest) || rest.charAt(15) != ' ') {
            return null;
        }
        int hostEnd = rest.indexOf(' ', 16);
        if (hostEnd <= 16) {
            return null;
        }
        String timestamp = rest.substring(0, 15);
        String hostname = rest.substring(16, hostEnd);
        String content = rest.substring(hostEnd + 1);
        int i = 0;
        while (i < content.length() && " [:".indexOf(content.charAt(i)) < 0) {
            i++;
        }
        String tag = content.substring(0, i);
        String pid = null;
        if (i < content.length() && content.charAt(i) == '[') {
            int end = content.indexOf(']', i);
            if (end < 0) {
                return plain(priority, timestamp, hostname, content);
            }
            pid = content.substring(i + 1, end);
            i = end + 1;
        }
        if (tag.isEmpty() || !content.startsWith(": ", i)) {
            return plain(priority, timestamp, hostname, content);
        }
        return new SyslogMessage(priority, SyslogMessage.Layout.RFC3164, timestamp, hostname, tag, pid, null, null,
                content.substring(i + 2));
    }

    private static SyslogMessage plain(int priority, String timestamp, String hostname, String content) {
        return new SyslogMessage(priority, SyslogMessage.Layout.RFC3164, timestamp, hostname, null, null, null, null,
                content);
    }

    /** {@code Mmm dd hh:mm:ss}, the day space-padded or two digits. */
    private static boolean isRfc3164Time(String text) {
        return MONTHS.contains(text.substring(0, 3)) && text.charAt(3) == ' '
                && (text.charAt(4) == ' ' || Character.isDigit(text.charAt(4))) && Character.isDigit(text.charAt(5))
                && text.charAt(6) == ' ' && digits(text, 7, 9) && text.charAt(9) == ':' && digits(text, 10, 12)
                && text.charAt(12) == ':' && digits(text, 13, 15);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    /** RFC 5424 §6: {@code -} is the NILVALUE. */
    private static String nil(String field) {
        return field.equals("-") ? null : field;
    }

    static int monthNumber(String month) {
        return MONTHS.indexOf(month) + 1;
    }

    static String monthName(int number) {
        return number >= 1 && number <= 12 ? MONTHS.get(number - 1) : null;
    }
}
