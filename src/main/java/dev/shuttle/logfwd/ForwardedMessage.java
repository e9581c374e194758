package dev.shuttle.logfwd;

import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.log.RelayedMessage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A received message laid out again for a target, as haproxy 3.5's {@code log-forward} does
 * (checked by relaying messages through it). The received fields are kept where the target's
 * format has them: the time as written (an RFC 3164 time becomes {@code YYYY-MM-DDThh:mm:ss-00:00}
 * in the current year, RFC 5424 §6.2.3's "unknown offset"; an RFC 5424 time becomes {@code Mmm dd
 * hh:mm:ss}); the tag and pid; msgid and structured data (rfc5424 only). Missing ones are now's
 * time, and the host {@link HostField} picks. A message without a priority takes the target's
 * facility at level {@code emerg}.
 */
final class ForwardedMessage implements RelayedMessage {
    private static final DateTimeFormatter RFC3164_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter ISO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ENGLISH);

    private final SyslogMessage message;
    private final String hostname;
    private final ZonedDateTime now;

    /**
     * @param hostname the host the headers name (after {@link HostField}); null for none
     * @param now      the time of reception, for a message that carries none
     */
    ForwardedMessage(SyslogMessage message, String hostname, long nowMicros, ZoneId zone) {
        this.message = message;
        this.hostname = hostname;
        this.now = ZonedDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(nowMicros, 1_000_000),
                Math.floorMod(nowMicros, 1_000_000) * 1_000L), zone);
    }

    @Override
    public SyslogLevel level() {
        return message.priority() < 0 ? SyslogLevel.EMERG : SyslogLevel.values()[message.priority() & 7];
    }

    @Override
    public SyslogFormat keptFormat() {
        return message.format() == SyslogMessage.Layout.RFC5424 ? SyslogFormat.RFC5424 : SyslogFormat.RFC3164;
    }

    @Override
    public CharSequence text() {
        return message.text();
    }

    @Override
    public String header(SyslogFormat format, SyslogFacility fallback) {
        int priority = message.priority() < 0 ? fallback.ordinal() * 8 : message.priority();
        String pri = "<" + priority + ">";
        String level = "<" + (priority & 7) + ">";
        return switch (format) {
            case LOCAL -> pri + rfc3164Time() + " " + tagPart();
            case RFC3164 -> pri + rfc3164Time() + " " + (hostname == null ? "localhost" : hostname) + " " + tagPart();
            case RFC5424 -> pri + "1 " + rfc5424Time() + " " + orNil(hostname) + " " + orNil(message.tag()) + " "
                    + orNil(message.pid()) + " " + orNil(message.messageId()) + " " + orNil(message.structuredData())
                    + " ";
            case PRIORITY -> pri;
            case SHORT -> level;
            case TIMED -> level + isoTime() + " ";
            case ISO -> isoTime() + " ";
            case RAW -> "";
        };
    }

    /** {@code TAG[pid]: } or {@code TAG: }, nothing without a tag. */
    private String tagPart() {
        if (message.tag() == null) {
            return "";
        }
        return message.tag() + (message.pid() == null ? "" : "[" + message.pid() + "]") + ": ";
    }

    private String rfc3164Time() {
        if (message.format() == SyslogMessage.Layout.RFC3164) {
            return message.timestamp();
        }
        if (message.format() == SyslogMessage.Layout.RFC5424 && message.timestamp() != null) {
            String converted = fromRfc5424(message.timestamp());
            if (converted != null) {
                return converted;
            }
        }
        return RFC3164_TIME.format(now);
    }

    /** The rfc5424 header keeps a received {@code -}: only a message without any header gets now's time. */
    private String rfc5424Time() {
        if (message.format() == SyslogMessage.Layout.RFC5424) {
            return orNil(message.timestamp());
        }
        return isoTime();
    }

    private String isoTime() {
        if (message.format() == SyslogMessage.Layout.RFC5424 && message.timestamp() != null) {
            return message.timestamp();
        }
        if (message.format() == SyslogMessage.Layout.RFC3164) {
            String stamp = message.timestamp();
            int month = SyslogParser.monthNumber(stamp.substring(0, 3));
            String day = stamp.substring(4, 6).replace(' ', '0');
            return now.getYear() + "-" + (month < 10 ? "0" : "") + month + "-" + day + "T" + stamp.substring(7)
                    + "-00:00";
        }
        return ISO_TIME.format(now);
    }

    /** {@code YYYY-MM-DDThh:mm:ss...} to {@code Mmm dd hh:mm:ss}, the fields as written; null if it is not one. */
    private static String fromRfc5424(String timestamp) {
        if (timestamp.length() < 19 || timestamp.charAt(4) != '-' || timestamp.charAt(7) != '-'
                || timestamp.charAt(10) != 'T') {
            return null;
        }
        try {
            String month = SyslogParser.monthName(Integer.parseInt(timestamp.substring(5, 7)));
            int day = Integer.parseInt(timestamp.substring(8, 10));
            return month == null ? null : month + " " + (day < 10 ? " " : "") + day + " " + timestamp.substring(11, 19);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String orNil(String field) {
        return field == null ? "-" : field;
    }
}
