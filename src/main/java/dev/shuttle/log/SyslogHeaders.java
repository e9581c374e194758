package dev.shuttle.log;

import dev.shuttle.config.SyslogFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Makes the header that precedes a message in each {@code format} (configuration.txt, "log",
 * {@code <format>}). Pure: the time, host name, tag and pid are given. What haproxy 3.5 sends for
 * facility local0, level info, tag haproxy, pid 4242, host name (when set) vm:
 *
 * <pre>
 * local     &lt;134&gt;Dec  6 22:33:37 haproxy[4242]: message
 * rfc3164   &lt;134&gt;Dec  6 22:33:37 vm haproxy[4242]: message       (localhost without log-send-hostname)
 * rfc5424   &lt;134&gt;1 2026-12-06T22:33:37.868812+00:00 vm haproxy 4242 - - message   (- without it)
 * priority  &lt;134&gt;message
 * short     &lt;6&gt;message
 * timed     &lt;6&gt;2026-12-06T22:33:37.868864+00:00 message
 * iso       2026-12-06T22:33:37.868868+00:00 message
 * raw       message
 * </pre>
 *
 * RFC 3164 §4.1.2 gives the {@code Mmm dd hh:mm:ss} time with a space-padded day; RFC 5424 §6 the
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD} header, where {@code -} stands for a
 * missing field. Every message then ends with a line feed (3.5 sends it in datagrams too).
 */
final class SyslogHeaders {
    private static final DateTimeFormatter RFC3164_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter ISO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ENGLISH);
    /** What rfc3164 names the host when {@code log-send-hostname} is not set, as haproxy 3.5 does. */
    static final String UNSET_RFC3164_HOSTNAME = "localhost";
    /** RFC 5424 §6.2.4: the NILVALUE for an unknown host name. */
    static final String NIL = "-";

    private SyslogHeaders() {}

    /**
     * @param facility  the facility code (0-23)
     * @param level     the severity code (0-7)
     * @param hostname  {@code log-send-hostname}'s value, or null when it is not set
     */
    static String make(SyslogFormat format, int facility, int level, long epochMicros, ZoneId zone, String hostname,
                       String tag, long pid, CharSequence structuredData) {
        String priority = "<" + (facility * 8 + level) + ">";
        return switch (format) {
            case LOCAL -> priority + rfc3164Time(epochMicros, zone) + " " + tag + "[" + pid + "]: ";
            case RFC3164 -> priority + rfc3164Time(epochMicros, zone) + " "
                    + (hostname == null ? UNSET_RFC3164_HOSTNAME : hostname) + " " + tag + "[" + pid + "]: ";
            case RFC5424 -> priority + "1 " + isoTime(epochMicros, zone) + " " + (hostname == null ? NIL : hostname)
                    + " " + tag + " " + pid + " " + NIL + " "
                    + (structuredData.isEmpty() ? NIL : structuredData.toString()) + " ";
            case PRIORITY -> priority;
            case SHORT -> "<" + level + ">";
            case TIMED -> "<" + level + ">" + isoTime(epochMicros, zone) + " ";
            case ISO -> isoTime(epochMicros, zone) + " ";
            case RAW -> "";
        };
    }

    /** Whether the format's header changes only once a second, so that it may be reused within one. */
    static boolean changesEverySecond(SyslogFormat format) {
        return format != SyslogFormat.TIMED && format != SyslogFormat.ISO && format != SyslogFormat.RFC5424;
    }

    static String rfc3164Time(long epochMicros, ZoneId zone) {
        return RFC3164_TIME.format(time(epochMicros, zone));
    }

    static String isoTime(long epochMicros, ZoneId zone) {
        return ISO_TIME.format(time(epochMicros, zone));
    }

    private static ZonedDateTime time(long epochMicros, ZoneId zone) {
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000),
                Math.floorMod(epochMicros, 1_000_000) * 1_000L), zone);
    }
}
