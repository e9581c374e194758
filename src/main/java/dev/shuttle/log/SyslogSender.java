package dev.shuttle.log;

import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.net.Address;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Sends log lines to the {@code log} targets, one UDP datagram per line to syslog servers, in the
 * layout each target's {@code format} asks for ({@link SyslogFormat}; by default HAProxy's
 * {@code <PRI>Mmm dd hh:mm:ss shuttle[pid]: message}, the same for every kind of target).
 *
 * <p>Thread-safe: a {@link DatagramSocket} may be used by several threads at once, and a lost
 * datagram is as acceptable here as it is for syslog over UDP. Lines for {@code stdout} and
 * {@code stderr} go through a {@link StreamLogWriter} each, so that no connection thread ever
 * writes to a file descriptor itself. Lines are the Latin-1 bytes their text was decoded from.
 */
public final class SyslogSender implements AutoCloseable {
    private static final DateTimeFormatter RFC3164_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter ISO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ENGLISH);
    /** What {@code format rfc3164} names the host when {@code log-send-hostname} is not set, as haproxy 2.6 does. */
    private static final String UNSET_HOSTNAME = "localhost";

    private final DatagramSocket socket;
    private final String tag;
    private final long pid = ProcessHandle.current().pid();
    private final StreamLogWriter stdout = new StreamLogWriter(new FileOutputStream(FileDescriptor.out), "shuttle-log-stdout");
    private final StreamLogWriter stderr = new StreamLogWriter(new FileOutputStream(FileDescriptor.err), "shuttle-log-stderr");
    /** Shared by every connection's thread: a stale value is merely reformatted. */
    private volatile Stamp lastStamp;
    /** The last header made, reused while the second, the format and the priority stay the same. */
    private volatile Header lastHeader;

    public SyslogSender(String tag) throws IOException {
        this.socket = new DatagramSocket();
        this.tag = tag;
    }

    /** Sends {@code message} at {@code level} to every target whose range admits it. */
    public void send(List<LogTarget> targets, SyslogLevel level, CharSequence message) {
        send(targets, LogMessage.of(level, message));
    }

    /** Sends {@code message} to every target whose range admits its level. */
    public void send(List<LogTarget> targets, LogMessage logMessage) {
        SyslogLevel level = logMessage.level();
        CharSequence message = logMessage.text();
        String messageTag = logMessage.tag().orElse(tag);
        CharSequence structuredData = logMessage.structuredData();
        for (LogTarget target : targets) {
            if (level.compareTo(target.maxLevel()) > 0) {
                continue;
            }
            SyslogLevel effective = level.compareTo(target.minLevel()) < 0 ? target.minLevel() : level;
            String header = messageTag.equals(tag) && structuredData.isEmpty() ? header(target, effective)
                    : makeHeader(target, effective, messageTag, structuredData);
            if (target.address().isEmpty()) {
                (target.target().equals("stdout") ? stdout : stderr).append(header, message);
            } else {
                sendDatagram(target.address().get(), header, message);
            }
        }
    }

    /**
     * What precedes the message in {@code target}'s format (configuration.txt, "log", {@code format}).
     * The formats with a time to the second are made once a second per priority, not once a line.
     */
    private String header(LogTarget target, SyslogLevel level) {
        long second = System.currentTimeMillis() / 1000;
        int priority = target.facility().ordinal() * 8 + level.ordinal();
        Header last = lastHeader;
        if (last != null && last.epochSecond() == second && last.priority() == priority
                && last.format() == target.format()) {
            return last.text();
        }
        String text = makeHeader(target, level, tag, "");
        if (target.format() != SyslogFormat.TIMED && target.format() != SyslogFormat.ISO
                && target.format() != SyslogFormat.RFC5424) { // those carry microseconds
            lastHeader = new Header(second, priority, target.format(), text);
        }
        return text;
    }

    private record Header(long epochSecond, int priority, SyslogFormat format, String text) {}

    private String makeHeader(LogTarget target, SyslogLevel level, String tag, CharSequence structuredData) {
        String priority = "<" + (target.facility().ordinal() * 8 + level.ordinal()) + ">";
        String sd = structuredData.isEmpty() ? "-" : structuredData.toString();
        return switch (target.format()) {
            case LOCAL -> priority + rfc3164Time() + " " + tag + "[" + pid + "]: ";
            case RFC3164 -> priority + rfc3164Time() + " " + UNSET_HOSTNAME + " " + tag + "[" + pid + "]: ";
            case RFC5424 -> priority + "1 " + isoTime() + " - " + tag + " " + pid + " - " + sd + " ";
            case PRIORITY -> priority;
            case SHORT -> "<" + level.ordinal() + ">";
            case TIMED -> "<" + level.ordinal() + ">" + isoTime() + " ";
            case ISO -> isoTime() + " ";
            case RAW -> "";
        };
    }

    /** The RFC 3164 time of the current second, formatted once per second rather than once per line. */
    private String rfc3164Time() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = lastStamp;
        if (stamp == null || stamp.epochSecond() != second) {
            stamp = new Stamp(second, RFC3164_TIME.format(ZonedDateTime.now()));
            lastStamp = stamp;
        }
        return stamp.text();
    }

    private static String isoTime() {
        return ISO_TIME.format(ZonedDateTime.now());
    }

    private record Stamp(long epochSecond, String text) {}

    private void sendDatagram(Address address, String header, CharSequence message) {
        if (!(address instanceof Address.Inet inet)) {
            return;
        }
        // HAProxy 3.5 ends every datagram with a line feed, whatever the format.
        byte[] bytes = new byte[header.length() + message.length() + 1];
        int end = StreamLogWriter.putLatin1(message, bytes, StreamLogWriter.putLatin1(header, bytes, 0));
        bytes[end] = '\n';
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(inet.host(), inet.portLow())));
        } catch (IOException e) {
            // syslog over UDP is lossy by design; a full or absent receiver must not disturb traffic
        }
    }

    /** Log lines dropped because a standard stream was not read fast enough ({@code DroppedLogs}). */
    public long droppedLines() {
        return stdout.droppedLines() + stderr.droppedLines();
    }

    /** Writes out the lines still queued for the standard streams and closes the socket. */
    @Override
    public void close() {
        stdout.close();
        stderr.close();
        socket.close();
    }
}
