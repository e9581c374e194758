package dev.shuttle.log;

import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogLevel;
import dev.shuttle.listener.Frontend;
import dev.shuttle.stream.SessionObserver;
import dev.shuttle.stream.SessionRecord;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.List;

/**
 * Writes one line per TCP session to the frontend's {@code log} targets. Until log formats exist,
 * this is HAProxy's line for a proxy without {@code option tcplog}:
 * {@code Connect from <client ip>:<port> to <local ip>:<port> (<frontend>/TCP)}.
 */
final class TcpLogWriter implements SessionObserver {
    private final SyslogSender sender;

    TcpLogWriter(SyslogSender sender) {
        this.sender = sender;
    }

    @Override
    public void started(Frontend frontend, Socket client) {
        List<LogTarget> targets = frontend.config().logs();
        if (targets.isEmpty()) {
            return;
        }
        String line = "Connect from " + describe(client.getRemoteSocketAddress()) + " to "
                + describe(client.getLocalSocketAddress()) + " (" + frontend.name() + "/TCP)";
        sender.send(targets, SyslogLevel.INFO, line);
    }

    @Override
    public void ended(SessionRecord record) {
        // the line without 'option tcplog' is written when the connection is accepted
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return "unix:1";
    }
}
