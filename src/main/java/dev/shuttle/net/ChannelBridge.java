package dev.shuttle.net;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ProtocolFamily;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

/**
 * Reaches into the JDK's socket channel implementation for what its public API cannot do.
 *
 * <p>Shuttle wants every socket on the JDK's own channels, whose blocking calls park a virtual
 * thread and let the JDK's poller wake it, instead of occupying a carrier or a helper thread. The
 * public API cannot wrap a file descriptor number (inherited {@code fd@} sockets, sockets bound in
 * the abstract namespace by junixsocket), cannot give a unix-domain channel a {@link Socket} face,
 * and cannot set {@code IPV6_V6ONLY}. The internal classes of {@code sun.nio.ch} can; they need
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}. Constructor shapes verified on JDK 21-25.
 */
public final class ChannelBridge {
    private static final int IPPROTO_IPV6 = 41;
    private static final int IPV6_V6ONLY = 26;
    private static final int SHUT_RDWR = 2;

    private ChannelBridge() {
    }

    /** A new {@link FileDescriptor} object holding descriptor number {@code fd}. */
    public static FileDescriptor fileDescriptor(int fd) throws IOException {
        return (FileDescriptor) invokeStatic("sun.nio.ch.IOUtil", "newFD", new Class<?>[] {int.class}, fd);
    }

    /** The descriptor number inside {@code fd}, or -1 once closed. */
    public static int number(FileDescriptor fd) throws IOException {
        return (Integer) invokeStatic("sun.nio.ch.IOUtil", "fdVal", new Class<?>[] {FileDescriptor.class}, fd);
    }

    /**
     * Moves the descriptor out of {@code foreign} (which then holds -1, so its owner's close or
     * cleaner cannot touch it any more) into a new {@link FileDescriptor} object.
     */
    public static FileDescriptor takeOver(FileDescriptor foreign) throws IOException {
        int fd = number(foreign);
        invokeStatic("sun.nio.ch.IOUtil", "setfdVal",
                new Class<?>[] {FileDescriptor.class, int.class}, foreign, -1);
        return fileDescriptor(fd);
    }

    /** {@code listen(2)} on a bound socket. */
    public static void listen(FileDescriptor fd, int backlog) throws IOException {
        invokeStatic("sun.nio.ch.Net", "listen", new Class<?>[] {FileDescriptor.class, int.class},
                fd, backlog < 1 ? 4096 : backlog);
    }

    /** A JDK server channel over a bound (and listening) socket descriptor. */
    public static ServerSocketChannel serverChannel(FileDescriptor fd, ProtocolFamily family) throws IOException {
        return (ServerSocketChannel) construct("sun.nio.ch.ServerSocketChannelImpl",
                new Class<?>[] {SelectorProvider.class, ProtocolFamily.class, FileDescriptor.class, boolean.class},
                SelectorProvider.provider(), family, fd, true);
    }

    /** A JDK socket channel over a connected socket descriptor. */
    public static SocketChannel socketChannel(FileDescriptor fd, ProtocolFamily family, SocketAddress remote)
            throws IOException {
        return (SocketChannel) construct("sun.nio.ch.SocketChannelImpl",
                new Class<?>[] {SelectorProvider.class, ProtocolFamily.class, FileDescriptor.class, SocketAddress.class},
                SelectorProvider.provider(), family, fd, remote);
    }

    /**
     * The {@link Socket} face of a connected channel. The JDK refuses {@link SocketChannel#socket()}
     * for unix-domain channels, but its adaptor class works for them: streams, {@code setSoTimeout},
     * shutdowns and close behave as for TCP; only the {@code InetAddress} getters are meaningless.
     */
    public static Socket socket(SocketChannel channel, boolean unixDomain) throws IOException {
        if (!unixDomain) {
            return channel.socket();
        }
        try {
            Class<?> impl = Class.forName("sun.nio.ch.SocketChannelImpl");
            return (Socket) invokeStatic("sun.nio.ch.SocketAdaptor", "create", new Class<?>[] {impl}, channel);
        } catch (ClassNotFoundException e) {
            throw inaccessible(e);
        }
    }

    /** Sets {@code IPV6_V6ONLY} on an unbound IPv6 channel (the JDK always leaves it off). */
    public static void setIpv6Only(NetworkChannel channel, boolean only) throws IOException {
        try {
            Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD");
            FileDescriptor fd = (FileDescriptor) getFd.invoke(channel);
            invokeStatic("sun.nio.ch.Net", "setIntOption0",
                    new Class<?>[] {FileDescriptor.class, boolean.class, int.class, int.class, int.class, boolean.class},
                    fd, false, IPPROTO_IPV6, IPV6_V6ONLY, only ? 1 : 0, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unwrap(e);
        }
    }

    /**
     * {@code shutdown(2)} on a listening socket. Closing our descriptor is not enough when another
     * process holds the same socket (an inherited {@code fd@}, e.g. from VTest): the kernel would
     * keep completing connections that nobody accepts. A shutdown stops listening for every holder,
     * which is how HAProxy stops a listener.
     */
    public static void shutdownListening(ServerSocketChannel channel) throws IOException {
        try {
            Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD");
            FileDescriptor fd = (FileDescriptor) getFd.invoke(channel);
            invokeStatic("sun.nio.ch.Net", "shutdown", new Class<?>[] {FileDescriptor.class, int.class}, fd, SHUT_RDWR);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unwrap(e);
        }
    }

    /**
     * Listens again on a server channel that {@link #shutdownListening} stopped: the same socket,
     * so an inherited descriptor keeps its address (how HAProxy resumes a paused listener).
     */
    public static void listenAgain(ServerSocketChannel channel, int backlog) throws IOException {
        try {
            Method getFd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFD");
            listen((FileDescriptor) getFd.invoke(channel), backlog);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unwrap(e);
        }
    }

    private static Object invokeStatic(String className, String name, Class<?>[] types, Object... args)
            throws IOException {
        try {
            Method method = Class.forName(className).getDeclaredMethod(name, types);
            method.setAccessible(true);
            return method.invoke(null, args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unwrap(e);
        }
    }

    private static Object construct(String className, Class<?>[] types, Object... args) throws IOException {
        try {
            Constructor<?> constructor = Class.forName(className).getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw unwrap(e);
        }
    }

    /** The I/O error the JDK raised, or a clear message when the internals are out of reach. */
    private static IOException unwrap(Exception e) {
        if (e instanceof InvocationTargetException ite && ite.getCause() instanceof IOException io) {
            return io;
        }
        if (e instanceof InvocationTargetException ite && ite.getCause() != null) {
            return new IOException(ite.getCause().toString(), ite.getCause());
        }
        return inaccessible(e);
    }

    private static IOException inaccessible(Exception e) {
        return new IOException("JDK socket internals unavailable (run with --add-opens "
                + "java.base/sun.nio.ch=ALL-UNNAMED): " + e, e);
    }
}
