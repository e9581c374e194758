package dev.shuttle.net;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Binds and connects Linux abstract-namespace unix sockets ({@code abns@}, {@code abnsz@}).
 *
 * <p>The JDK cannot name an abstract socket (its unix addresses are file paths), so junixsocket
 * performs the {@code bind(2)} or {@code connect(2)}; the descriptor is then moved into a JDK
 * channel. Only the JDK channel ever blocks: junixsocket 2.10's own blocking calls on virtual
 * threads wait through a per-descriptor polling task on a small shared pool, and one socket
 * blocked in {@code read()} was seen to hold up an {@code accept()} on another until it finished.
 *
 * <p>Address layout, per the HAProxy manual ("bind", note on abstract namespace sockets) and the
 * abnsz change description: {@code sun_path} starts with a NUL byte, then the name. For
 * {@code abns@} HAProxy passes the whole 108-byte {@code sun_path}, NUL-padded, as the address;
 * for {@code abnsz@} only the NUL and the name. {@code /proc/net/unix} shows the first as
 * {@code @name@@@@...} (padding shown as {@code @}) and the second as {@code @name}.
 */
public final class AbstractSockets {
    /** Size of {@code sun_path} in {@code struct sockaddr_un} on Linux. */
    public static final int SUN_PATH_LENGTH = 108;

    private AbstractSockets() {
    }

    /** The {@code sun_path} bytes the kernel sees for this abstract name. */
    static byte[] sunPath(Address.AbstractName address) {
        byte[] name = address.name().getBytes(StandardCharsets.UTF_8);
        byte[] path = new byte[address.zeroTerminated() ? name.length + 1 : SUN_PATH_LENGTH];
        System.arraycopy(name, 0, path, 1, name.length);
        return path;
    }

    /** Binds and listens, returning a JDK channel that owns the descriptor. */
    public static ServerSocketChannel bind(Address.AbstractName address, int backlog) throws IOException {
        AFUNIXServerSocket socket = AFUNIXServerSocket.newInstance();
        try {
            socket.bind(AFUNIXSocketAddress.of(sunPath(address)), backlog < 1 ? 4096 : backlog);
            FileDescriptor fd = ChannelBridge.takeOver(socket.getFileDescriptor());
            return ChannelBridge.serverChannel(fd, StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects, returning a socket backed by a JDK channel that owns the descriptor. */
    static Socket connect(Address.AbstractName address, int connectTimeoutMillis) throws IOException {
        AFUNIXSocket socket = AFUNIXSocket.newInstance();
        try {
            socket.connect(AFUNIXSocketAddress.of(sunPath(address)), Math.max(0, connectTimeoutMillis));
            FileDescriptor fd = ChannelBridge.takeOver(socket.getFileDescriptor());
            return ChannelBridge.socket(
                    ChannelBridge.socketChannel(fd, StandardProtocolFamily.UNIX, null), true);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
