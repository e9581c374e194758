package dev.shuttle.net;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.channels.SocketChannel;

/**
 * Puts a new socket channel in the mode the JDK gives it on a virtual thread, before it connects.
 *
 * <p>On a virtual thread the JDK turns a blocking channel's socket non-blocking at its first
 * blocking call ({@code fcntl} twice) and keeps it so ({@code SocketChannelImpl.forcedNonBlocking}).
 * A connect with a timeout, the only connect of a channel's {@code Socket} face, comes first and
 * does not do that: it makes the socket non-blocking for the connect and blocking again after it,
 * and the first read makes it non-blocking once more: six {@code fcntl} per server connection
 * where two do (docs/benchmarks.md, "The cost of a new connection"). Doing the JDK's own step
 * first leaves the connect nothing to switch. Needs {@code --add-opens java.base/sun.nio.ch};
 * without it, or off a virtual thread, nothing is done and the JDK proceeds its own way.
 */
final class VirtualThreadSockets {
    /** {@code IOUtil.configureBlocking(FileDescriptor, boolean)}, or null when out of reach. */
    private static final MethodHandle CONFIGURE_BLOCKING;
    /** {@code SelChImpl.getFD()} on the channel. */
    private static final MethodHandle GET_FD;
    /** {@code SocketChannelImpl.forcedNonBlocking} (volatile). */
    private static final VarHandle FORCED_NON_BLOCKING;

    static {
        MethodHandle configure = null;
        MethodHandle getFd = null;
        VarHandle forced = null;
        try {
            Class<?> impl = Class.forName("sun.nio.ch.SocketChannelImpl");
            Class<?> ioUtil = Class.forName("sun.nio.ch.IOUtil");
            MethodHandles.Lookup implLookup = MethodHandles.privateLookupIn(impl, MethodHandles.lookup());
            forced = implLookup.findVarHandle(impl, "forcedNonBlocking", boolean.class);
            getFd = implLookup.findVirtual(impl, "getFD", MethodType.methodType(FileDescriptor.class));
            configure = MethodHandles.privateLookupIn(ioUtil, MethodHandles.lookup()).findStatic(ioUtil,
                    "configureBlocking", MethodType.methodType(void.class, FileDescriptor.class, boolean.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            configure = null; // not opened, or another JDK's internals: the JDK's own way
        }
        CONFIGURE_BLOCKING = configure;
        GET_FD = getFd;
        FORCED_NON_BLOCKING = forced;
    }

    private VirtualThreadSockets() {
    }

    /** Whether the JDK's internals are within reach (else {@link #nonBlockingBeforeConnect} does nothing). */
    static boolean available() {
        return CONFIGURE_BLOCKING != null;
    }

    /**
     * On a virtual thread, makes {@code channel}'s new, unconnected socket non-blocking as the JDK
     * would at its first blocking call; a channel used on other threads later still works (the JDK
     * polls for a platform thread). A failure leaves the channel as it was.
     */
    static void nonBlockingBeforeConnect(SocketChannel channel) {
        if (CONFIGURE_BLOCKING == null || !Thread.currentThread().isVirtual()
                || !channel.getClass().getName().equals("sun.nio.ch.SocketChannelImpl")) {
            return;
        }
        try {
            FileDescriptor fd = (FileDescriptor) GET_FD.invoke(channel);
            CONFIGURE_BLOCKING.invokeExact(fd, false);
            FORCED_NON_BLOCKING.setVolatile(channel, true);
        } catch (Throwable e) {
            // the socket stays as it was, and the JDK switches it itself
        }
    }
}
