package dev.shuttle.io;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.util.function.BooleanSupplier;

/**
 * Linux {@code epoll(7)} and a socket's descriptor, through the JDK's own internals: the JDK has
 * no public API for an edge-triggered registration, and Shuttle has no native code of its own.
 * {@code scripts/shuttle} opens {@code sun.nio.ch} (the JDK's {@code EPoll} class and its
 * {@code Poller}), {@code java.io} ({@code FileDescriptor}) and {@code java.net} ({@code
 * Socket}'s implementation) for this. Where any of it cannot be reached (another JDK or OS, the
 * packages not opened), {@link #AVAILABLE} is false and nobody uses this class.
 *
 * <p>Method handles held in static finals are constants to the JIT: a call costs what the
 * JDK's own call of the same native method costs.
 */
final class JdkEpoll {
    /** {@code epoll_ctl(2)} operation: add a descriptor to the set. */
    static final int EPOLL_CTL_ADD = 1;
    /** Event: readable. */
    static final int EPOLLIN = 0x001;
    /** Event: the peer shut its side down. */
    static final int EPOLLRDHUP = 0x2000;
    /** Event (always reported): an error on the socket. */
    static final int EPOLLERR = 0x008;
    /** Event (always reported): both directions are shut (a reset, or both FINs). */
    static final int EPOLLHUP = 0x010;
    /** Report a change once, when it happens, instead of as long as it lasts. */
    static final int EPOLLET = 1 << 31;
    /** {@code errno} of an {@code EPOLL_CTL_ADD} for a descriptor already in the set. */
    static final int EEXIST = 17;

    private static final MethodHandle CREATE;
    private static final MethodHandle CTL;
    private static final MethodHandle WAIT;
    private static final MethodHandle ALLOCATE;
    private static final MethodHandle EVENT_ADDRESS;
    private static final MethodHandle DESCRIPTOR;
    private static final MethodHandle EVENTS;
    /** {@code sun.nio.ch.Poller.poll(fd, event, nanos, isOpen)}: parks until the JDK's poller sees fd ready. */
    private static final MethodHandle JDK_POLL;
    /**
     * {@code sun.nio.ch.Poller.pollSelector(fd, nanos)} (JDK 22 and later), or null: parks until fd
     * is readable, registered in the JDK's master poller itself rather than in one of its
     * sub-pollers (see {@link #parkUntilReadable}).
     */
    private static final MethodHandle JDK_POLL_SELECTOR;
    private static final int JDK_POLLIN;
    private static final MethodHandle CHANNEL_FD;
    private static final VarHandle SOCKET_IMPL;
    /** {@code SocketImpl.getFileDescriptor()}: a plain socket's implementation, or the one it delegates to, knows it. */
    private static final MethodHandle IMPL_FD;
    private static final VarHandle FD_INT;

    /** Whether everything above could be reached. */
    static final boolean AVAILABLE;

    static {
        MethodHandle create = null, ctl = null, wait = null, allocate = null, eventAddress = null;
        MethodHandle descriptor = null, eventsOf = null, jdkPoll = null, channelFd = null, implFd = null;
        MethodHandle jdkPollSelector = null;
        VarHandle socketImpl = null, fdInt = null;
        int pollIn = 0;
        boolean available;
        try {
            MethodHandles.Lookup here = MethodHandles.lookup();
            Class<?> epoll = Class.forName("sun.nio.ch.EPoll");
            MethodHandles.Lookup inEpoll = MethodHandles.privateLookupIn(epoll, here);
            create = inEpoll.findStatic(epoll, "create", MethodType.methodType(int.class));
            ctl = inEpoll.findStatic(epoll, "ctl", MethodType.methodType(int.class, int.class, int.class, int.class, int.class));
            wait = inEpoll.findStatic(epoll, "wait", MethodType.methodType(int.class, int.class, long.class, int.class, int.class));
            allocate = inEpoll.findStatic(epoll, "allocatePollArray", MethodType.methodType(long.class, int.class));
            eventAddress = inEpoll.findStatic(epoll, "getEvent", MethodType.methodType(long.class, long.class, int.class));
            descriptor = inEpoll.findStatic(epoll, "getDescriptor", MethodType.methodType(int.class, long.class));
            eventsOf = inEpoll.findStatic(epoll, "getEvents", MethodType.methodType(int.class, long.class));

            Class<?> poller = Class.forName("sun.nio.ch.Poller");
            jdkPoll = MethodHandles.privateLookupIn(poller, here).findStatic(poller, "poll",
                    MethodType.methodType(void.class, int.class, int.class, long.class, BooleanSupplier.class));
            try {
                jdkPollSelector = MethodHandles.privateLookupIn(poller, here).findStatic(poller, "pollSelector",
                        MethodType.methodType(void.class, int.class, long.class));
            } catch (ReflectiveOperationException e) {
                jdkPollSelector = null; // JDK 21: through a sub-poller
            }
            Class<?> net = Class.forName("sun.nio.ch.Net");
            pollIn = (short) MethodHandles.privateLookupIn(net, here).findStaticVarHandle(net, "POLLIN", short.class).get();

            Class<?> selectable = Class.forName("sun.nio.ch.SelChImpl");
            channelFd = MethodHandles.privateLookupIn(selectable, here)
                    .findVirtual(selectable, "getFDVal", MethodType.methodType(int.class));
            socketImpl = MethodHandles.privateLookupIn(Socket.class, here)
                    .findVarHandle(Socket.class, "impl", java.net.SocketImpl.class);
            implFd = MethodHandles.privateLookupIn(java.net.SocketImpl.class, here)
                    .findVirtual(java.net.SocketImpl.class, "getFileDescriptor", MethodType.methodType(FileDescriptor.class));
            fdInt = MethodHandles.privateLookupIn(FileDescriptor.class, here)
                    .findVarHandle(FileDescriptor.class, "fd", int.class);
            available = System.getProperty("os.name", "").startsWith("Linux");
        } catch (ReflectiveOperationException | RuntimeException e) {
            available = false;
        }
        CREATE = create;
        CTL = ctl;
        WAIT = wait;
        ALLOCATE = allocate;
        EVENT_ADDRESS = eventAddress;
        DESCRIPTOR = descriptor;
        EVENTS = eventsOf;
        JDK_POLL = jdkPoll;
        JDK_POLL_SELECTOR = jdkPollSelector;
        JDK_POLLIN = pollIn;
        CHANNEL_FD = channelFd;
        SOCKET_IMPL = socketImpl;
        IMPL_FD = implFd;
        FD_INT = fdInt;
        AVAILABLE = available;
    }

    private JdkEpoll() {}

    /** A new epoll instance's descriptor. */
    static int create() throws Throwable {
        return (int) CREATE.invokeExact();
    }

    /** {@code epoll_ctl(epfd, op, fd, events)}: 0, or the {@code errno}. */
    static int ctl(int epfd, int op, int fd, int events) throws Throwable {
        return (int) CTL.invokeExact(epfd, op, fd, events);
    }

    /** {@code epoll_wait} into an array made by {@link #allocate}: how many events it holds. */
    static int wait(int epfd, long events, int capacity, int timeoutMillis) throws Throwable {
        return (int) WAIT.invokeExact(epfd, events, capacity, timeoutMillis);
    }

    /** Native memory for {@code capacity} events, kept for the life of the process. */
    static long allocate(int capacity) throws Throwable {
        return (long) ALLOCATE.invokeExact(capacity);
    }

    /** The descriptor of the {@code index}-th event in {@code events}. */
    static int descriptor(long events, int index) throws Throwable {
        long event = (long) EVENT_ADDRESS.invokeExact(events, index);
        return (int) DESCRIPTOR.invokeExact(event);
    }

    /** The event bits ({@link #EPOLLIN}, {@link #EPOLLRDHUP}...) of the {@code index}-th event in {@code events}. */
    static int eventBits(long events, int index) throws Throwable {
        long event = (long) EVENT_ADDRESS.invokeExact(events, index);
        return (int) EVENTS.invokeExact(event);
    }

    /**
     * Parks the calling virtual thread until the epoll set {@code fd} is readable, through the
     * JDK's poller. By default (its {@code VTHREAD_POLLERS} mode) that poller is two-tier: a
     * master poller on a platform thread, and sub-pollers on virtual threads that park in the
     * master when they run dry. A socket's wait registers in a sub-poller, and so each wake-up of
     * an idle process would cost two one-shot re-arms ({@code epoll_ctl}: this set in the
     * sub-poller, the sub-poller in the master) and the sub-poller's two polls. An epoll set is a
     * poller itself, as a {@code Selector}'s is, so it registers in the master directly, the way
     * the JDK parks a {@code Selector}: one re-arm per wake-up (docs/benchmarks.md, "The cost of a
     * new connection").
     */
    static void parkUntilReadable(int fd) throws Throwable {
        if (JDK_POLL_SELECTOR != null) {
            JDK_POLL_SELECTOR.invokeExact(fd, 0L);
        } else {
            JDK_POLL.invokeExact(fd, JDK_POLLIN, 0L, (BooleanSupplier) () -> true);
        }
    }

    /**
     * The descriptor of a connected TCP socket made by the JDK (accepted through a channel, or a
     * plain {@code Socket}), or -1 for any other kind: unix-domain sockets, junixsocket's,
     * sockets of another implementation.
     */
    static int tcpDescriptor(Socket socket) {
        if (!AVAILABLE || socket.isClosed()) {
            return -1;
        }
        try {
            SocketChannel channel = socket.getChannel();
            if (channel != null) {
                return channel.getLocalAddress() instanceof InetSocketAddress ? (int) CHANNEL_FD.invoke(channel) : -1;
            }
            if (socket.getClass() != Socket.class) {
                return -1;
            }
            // The JDK's own implementations only: NioSocketImpl, or the SocksSocketImpl that wraps it.
            Object impl = SOCKET_IMPL.get(socket);
            if (!(impl instanceof java.net.SocketImpl jdkImpl) || !isJdkClass(impl.getClass())) {
                return -1;
            }
            FileDescriptor fd = (FileDescriptor) IMPL_FD.invokeExact(jdkImpl);
            return fd == null ? -1 : (int) FD_INT.get(fd);
        } catch (Throwable e) {
            return -1;
        }
    }

    /** The descriptor of a JDK channel ({@code sun.nio.ch}'s, TCP or unix-domain), or -1 for another kind or a closed one. */
    static int channelDescriptor(AbstractSelectableChannel channel) {
        if (!AVAILABLE || !channel.isOpen() || !isJdkClass(channel.getClass())) {
            return -1;
        }
        try {
            return (int) CHANNEL_FD.invoke(channel);
        } catch (Throwable e) {
            return -1;
        }
    }

    private static boolean isJdkClass(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.net.") || name.startsWith("sun.nio.ch.");
    }
}
