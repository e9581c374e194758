package dev.shuttle.logfwd;

/**
 * A received syslog message, split into the fields of its header (null where the message had none).
 *
 * @param priority   the {@code <PRI>} number, or -1 when the message had none
 * @param format     the layout it came in
 * @param timestamp  the time as written: RFC 5424 ({@code 2026-12-06T10:00:00.1+02:00}) or RFC 3164
 *                   ({@code Dec  6 10:00:00}), as {@link #format} says
 * @param hostname   the host name field
 * @param tag        the APP-NAME (RFC 5424) or TAG (RFC 3164)
 * @param pid        the PROCID (RFC 5424) or the TAG's {@code [pid]} (RFC 3164)
 * @param messageId  the MSGID (RFC 5424 only)
 * @param structuredData the STRUCTURED-DATA (RFC 5424 only)
 * @param text       the message after its header
 */
public record SyslogMessage(int priority, Layout format, String timestamp, String hostname, String tag, String pid,
                            String messageId, String structuredData, String text) {
    /** The layouts a received message is recognised in. */
    public enum Layout {
        /** RFC 5424 §6: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD [MSG]}. */
        RFC5424,
        /** RFC 3164 §4.1: {@code <PRI>Mmm dd hh:mm:ss HOSTNAME [TAG[pid]: ]MSG}. */
        RFC3164,
        /** Anything else: all after the priority is the text. */
        RAW
    }

    /** A message kept whole, as {@code option dont-parse-log} asks. */
    public static SyslogMessage unparsed(String text) {
        return new SyslogMessage(-1, Layout.RAW, null, null, null, null, null, null, text);
    }
}
