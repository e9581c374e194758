package dev.shuttle.listener;

import dev.shuttle.net.AbstractSockets;
import dev.shuttle.net.ChannelBridge;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.newsclub.net.unix.FileDescriptorCast;

/**
 * Adopts a listening socket inherited from the parent process ({@code fd@<n>}).
 *
 * <p>HAProxy manual, section 11.1: "the fd must be bound and may or may not already be listening".
 * This is how VTest hands sockets over ({@code bind "fd@${fe}"}). The socket's family and state are
 * read from Linux's {@code /proc}: {@code /proc/self/fd/N} names the socket inode, which is then
 * looked up in {@code /proc/self/net/tcp}, {@code tcp6} and {@code unix}. The descriptor becomes a
 * JDK channel; should the JDK internals be out of reach, junixsocket's descriptor cast is the
 * fallback (its blocking calls are less friendly to virtual threads, see {@link AbstractSockets}).
 */
final class InheritedSocket {
    /** TCP state LISTEN in /proc/net/tcp. */
    private static final String TCP_LISTEN = "0A";
    /** {@code __SO_ACCEPTCON} in the Flags column of /proc/net/unix. */
    private static final int UNIX_ACCEPTCON = 0x10000;
    /** {@code SOCK_STREAM} in the Type column of /proc/net/unix. */
    private static final int UNIX_STREAM = 1;

    private InheritedSocket() {
    }

    /** What /proc says about the socket. */
    private record SocketKind(ProtocolFamily family, boolean listening) {
    }

    /** Takes over descriptor {@code fd} as a listening endpoint. */
    static ListeningEndpoint open(int fd, int backlog) throws IOException {
        SocketKind kind = inspect(fd);
        FileDescriptor descriptor = ChannelBridge.fileDescriptor(fd);
        if (!kind.listening()) {
            ChannelBridge.listen(descriptor, backlog);
        }
        String description = "fd@" + fd;
        try {
            return new ChannelListener(ChannelBridge.serverChannel(descriptor, kind.family()),
                    kind.family() == StandardProtocolFamily.UNIX, description);
        } catch (IOException jdkUnavailable) {
            return new FallbackListener(FileDescriptorCast.unsafeUsing(fd).as(ServerSocket.class), description);
        }
    }

    private static SocketKind inspect(int fd) throws IOException {
        String target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException e) {
            throw cannotUse(fd, "Bad file descriptor");
        }
        if (!target.startsWith("socket:[")) {
            throw cannotUse(fd, "Socket operation on non-socket");
        }
        String inode = target.substring("socket:[".length(), target.length() - 1);
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : lines("/proc/self/net/" + table)) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 9 && columns[9].equals(inode)) {
                    ProtocolFamily family = table.equals("tcp") ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
                    return new SocketKind(family, columns[3].equals(TCP_LISTEN));
                }
            }
        }
        for (String line : lines("/proc/self/net/unix")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length > 6 && columns[6].equals(inode)) {
                if (Integer.parseInt(columns[4], 16) != UNIX_STREAM) {
                    throw cannotUse(fd, "not a stream socket");
                }
                return new SocketKind(StandardProtocolFamily.UNIX,
                        (Integer.parseInt(columns[3], 16) & UNIX_ACCEPTCON) != 0);
            }
        }
        throw cannotUse(fd, "not a TCP or unix stream socket");
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** HAProxy's wording: {@code cannot use file descriptor '3' : Socket operation on non-socket.} */
    private static IOException cannotUse(int fd, String reason) {
        return new IOException("cannot use file descriptor '" + fd + "' : " + reason + ".");
    }

    /** The junixsocket fallback: a plain {@link ServerSocket} over the inherited descriptor. */
    private record FallbackListener(ServerSocket socket, String describe) implements ListeningEndpoint {
        @Override
        public Socket accept() throws IOException {
            return socket.accept();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing left to release.
            }
        }

        @Override
        public SocketAddress localAddress() {
            return socket.getLocalSocketAddress();
        }
    }
}
