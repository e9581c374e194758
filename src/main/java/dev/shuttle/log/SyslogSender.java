package dev.shuttle.log;

import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogLevel;
import dev.shuttle.listener.Address;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Sends log lines to syslog targets in the RFC 3164 layout HAProxy uses by default:
 * {@code <PRI>Mmm dd hh:mm:ss shuttle[pid]: message}, one UDP datagram per line; {@code stdout}
 * and {@code stderr} targets get the same line without the priority.
 *
 * <p>Thread-safe: a {@link DatagramSocket} may be used by several threads at once, and a lost
 * datagram is as acceptable here as it is for syslog over UDP. Lines for {@code stdout} and
 * {@code stderr} go through a {@link StreamLogWriter} each, so that no connection thread ever
 * writes to a file descriptor itself. Lines are the Latin-1 bytes their text was decoded from.
 */
public final class SyslogSender implements AutoCloseable {
    private static final DateTimeFormatter RFC3164_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    private final DatagramSocket socket;
    private final String tag;
    private final StreamLogWriter stdout = new StreamLogWriter(new FileOutputStream(FileDescriptor.out), "shuttle-log-stdout");
    private final StreamLogWriter stderr = new StreamLogWriter(new FileOutputStream(FileDescriptor.err), "shuttle-log-stderr");
    /** Shared by every connection's thread: a stale value is merely reformatted. */
    private volatile Stamp lastStamp;

    public SyslogSender(String tag) throws IOException {
        this.socket = new DatagramSocket();
        this.tag = tag + "[" + ProcessHandle.current().pid() + "]";
    }

    /** Sends {@code message} at {@code level} to every target whose range admits it. */
    public void send(List<LogTarget> targets, SyslogLevel level, String message) {
        for (LogTarget target : targets) {
            if (level.compareTo(target.maxLevel()) > 0) {
                continue;
            }
            SyslogLevel effective = level.compareTo(target.minLevel()) < 0 ? target.minLevel() : level;
            int priority = target.facility().ordinal() * 8 + effective.ordinal();
            String header = timestamp() + " " + tag + ": ";
            if (target.address().isEmpty()) {
                (target.target().equals("stdout") ? stdout : stderr).append(header, message);
            } else {
                sendDatagram(target.address().get(), "<" + priority + ">" + header + message);
            }
        }
    }

    /** The RFC 3164 time of the current second, formatted once per second rather than once per line. */
    private String timestamp() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = lastStamp;
        if (stamp == null || stamp.epochSecond() != second) {
            stamp = new Stamp(second, RFC3164_TIME.format(ZonedDateTime.now()));
            lastStamp = stamp;
        }
        return stamp.text();
    }

    private record Stamp(long epochSecond, String text) {}

    private void sendDatagram(Address address, String line) {
        if (!(address instanceof Address.Inet inet)) {
            return;
        }
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
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
