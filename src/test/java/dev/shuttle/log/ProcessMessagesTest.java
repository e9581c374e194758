package dev.shuttle.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.LogDestination;
import dev.shuttle.config.LogTarget;
import dev.shuttle.config.SyslogFacility;
import dev.shuttle.config.SyslogFormat;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.lang.SyslogLevel;
import dev.shuttle.net.Address;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A proxy's message (a server's state change) goes to the console as a warning and to that proxy's log targets only. */
class ProcessMessagesTest {
    private static LogTarget shortFormat(DatagramSocket receiver) {
        return new LogTarget(new SourceLocation("t.cfg", 1), "127.0.0.1:" + receiver.getLocalPort(),
                new LogDestination.Datagram(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.getLocalPort())),
                SyslogFacility.LOCAL0, SyslogLevel.DEBUG, SyslogLevel.EMERG, SyslogFormat.SHORT);
    }

    private static String receive(DatagramSocket receiver) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[512], 512);
        receiver.receive(packet);
        String datagram = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
        // Every datagram ends with a line feed, as HAProxy 3.5's do.
        return datagram.endsWith("\n") ? datagram.substring(0, datagram.length() - 1) : datagram + "<no line feed>";
    }

    @Test
    void aProxyWarningIsPrintedAndLoggedToTheProxysTargetsAtItsLevel() throws Exception {
        List<String> console = new ArrayList<>();
        try (DatagramSocket proxyLog = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket globalLog = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             SyslogSender sender = new SyslogSender("shuttle")) {
            proxyLog.setSoTimeout(5000);
            globalLog.setSoTimeout(200);
            ProcessMessages messages = new ProcessMessages((level, line) -> console.add(level + " " + line),
                    List.of(shortFormat(globalLog)), sender);
            String text = "Server be/s1 is going DOWN for maintenance. 1 active and 0 backup servers left. "
                    + "0 sessions active, 0 requeued, 0 remaining in queue.";
            messages.proxyWarning(List.of(shortFormat(proxyLog)), SyslogLevel.ALERT, text);
            assertEquals("<1>" + text, receive(proxyLog));
            assertEquals(List.of("WARNING " + text), console, "printed as a warning, whatever its log level");
            try {
                String unexpected = receive(globalLog);
                throw new AssertionError("the global targets got " + unexpected);
            } catch (SocketTimeoutException expected) {
                // only the proxy's own targets get it, as HAProxy's send_log(proxy) does
            }
        }
    }
}
