package dev.shuttle.mux;

import dev.shuttle.h1.H1HeadScanner;
import dev.shuttle.h1.H1ParseException;
import dev.shuttle.h1.H1Request;
import dev.shuttle.h1.H1RequestParser;
import dev.shuttle.h1.H1Response;
import dev.shuttle.h1.H1ResponseParser;
import dev.shuttle.h1.H1Settings;
import dev.shuttle.h1.H1Writer;
import dev.shuttle.h1.BodyFraming;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.io.Activity;
import dev.shuttle.io.ActiveOutputStream;
import dev.shuttle.io.AnswerYield;
import dev.shuttle.io.CountingOutputStream;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.io.IoServices;
import dev.shuttle.io.PooledOutputStream;
import dev.shuttle.io.ReadDeadlines;
import dev.shuttle.io.ReadReadiness;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One HTTP/1.1 connection, client-facing or server-facing: the only place the HTTP exchange
 * touches a socket (HAProxy's mux_h1). It reads whole heads into its buffer and hands them to
 * the pure {@code h1} parsers, writes heads with {@link H1Writer}, and streams bodies with
 * {@link BodyForwarder}. Owned by the thread of the client connection it serves.
 */
public final class H1Connection implements AutoCloseable, ClientFailureWatch.Source {
    /** What came instead of, or as, the next message head. */
    public sealed interface Incoming<T> {
        record Message<T>(T message) implements Incoming<T> {}

        /**
         * The peer closed or timed out before a head completed; {@code anyByte} tells whether it had
         * started one; {@code failure} is the read error behind a close (a reset), null for a clean one.
         */
        record Gone<T>(boolean timedOut, boolean anyByte, IOException failure) implements Incoming<T> {
            public Gone(boolean timedOut, boolean anyByte) {
                this(timedOut, anyByte, null);
            }
        }

        /**
         * The head is larger than a buffer may hold; {@code startLineComplete} tells whether its first
         * line ended within it (too many or too long header fields) or not (a too long request line).
         */
        record TooLarge<T>(boolean startLineComplete) implements Incoming<T> {}

        /** The head broke the protocol; {@code head} is its copy for {@code show errors}, null when there is none. */
        record Invalid<T>(H1ParseException error, MalformedHead head) implements Incoming<T> {
            public Invalid(H1ParseException error) {
                this(error, null);
            }
        }
    }

    /**
     * How long a server connection must have been idle before {@link #looksReusable} asks the
     * kernel whether bytes came. A server speaks on an idle connection when it gives up on it (a
     * 408 or a close at its keep-alive timeout, seconds after its last response) or when it is
     * broken (bytes past its response's end, which come with that response and are then in the
     * input buffer). HAProxy's poller sees the same bytes only on its next turn, so a connection
     * reused within that turn is not checked there either.
     */
    static final long SPEAKS_AFTER_NANOS = 1_000_000;
    /** The bound of each read that learns a failed connection's error ({@link #pendingFailure}). */
    private static final int FAILURE_READ_MILLIS = 100;

    /** Request heads read so far (or begun); owned by the connection's thread. */
    private long requestHeadsRead;
    /** See {@link #requestFirstByteNanos()}; owned by the connection's thread. */
    private long requestFirstByteNanos;
    /** Bytes read from the client before the last request head; owned by the connection's thread. */
    private long requestStartBytes;
    private final Socket socket;
    private final InputBuffer input;
    private final CountingOutputStream output;
    private final H1Settings settings;
    private final IoServices io;
    private volatile boolean closed;
    /** Registered with the process's deadline watcher on the first head read that has a deadline. */
    private ReadDeadlines.Watch headDeadlines;
    /**
     * Tracked by the process's poller from the first response head read (server side) or the
     * second request head read (client side) on, so that head reads wait for bytes without a
     * failed read. Volatile: {@link #close()} may come from another thread.
     */
    private volatile ReadReadiness readiness;
    /**
     * The socket whose failures the poller watches ({@link #onPeerFailure}): the connection's own,
     * or, under TLS, the plain socket beneath (a TLS socket is not tracked: it may hold decrypted
     * bytes its descriptor does not show, but a reset is the descriptor's).
     */
    private Socket watchedForFailure;
    /** The poller's tracking of the plain socket beneath a TLS connection, once watched. Volatile as {@link #readiness}. */
    private volatile ReadReadiness failureReadiness;
    /** The socket's read timeout as last set (-1: unknown), so that it is only changed when it changes. */
    private volatile int soTimeoutMillis = -1;
    /** When the last exchange ended ({@link #idle()}), a nanoTime. Owned by the thread using the connection. */
    private long idleSinceNanos;

    /**
     * A connection whose buffers ({@code tune.bufsize} large) come from the pool of {@code io} while
     * it moves data, parsing heads with {@code settings}.
     */
    public H1Connection(Socket socket, H1Settings settings, IoServices io) throws IOException {
        this(socket, new InputBuffer(socket.getInputStream(), io.buffers()), settings, io);
    }

    /** A connection whose first bytes may already be in {@code input} (read by an earlier stage of the client's pipeline). */
    public H1Connection(Socket socket, InputBuffer input, H1Settings settings, IoServices io) throws IOException {
        this.socket = socket;
        this.input = input;
        this.output = new CountingOutputStream(new PooledOutputStream(socket.getOutputStream(), io.buffers()));
        this.settings = settings;
        this.io = io;
    }

    /** Watches {@code beneath} (the plain socket under this TLS connection) for the peer's failure; returns this. */
    public H1Connection failuresWatchedOn(Socket beneath) {
        watchedForFailure = beneath == socket ? null : beneath;
        return this;
    }

    /** Between two exchanges: gives the buffers back to the pool when nothing is pending. */
    public void idle() {
        input.releaseIfEmpty();
        idleSinceNanos = System.nanoTime();
    }

    public Socket socket() {
        return socket;
    }

    public InputBuffer input() {
        return input;
    }

    public OutputStream output() {
        return output;
    }

    /**
     * Waits for the next request head.
     *
     * @param idleMillis  how long to wait for its first byte
     * @param headMillis  how long the head may take once started ({@code timeout http-request})
     */
    public Incoming<H1Request> readRequest(long idleMillis, long headMillis, boolean totalFromStart)
            throws IOException {
        ReadReadiness readReadiness;
        if (requestHeadsRead++ == 0) {
            // A new connection's first request is usually there already (the client sent it with its
            // connect): no yield, no registration with the poller (one fewer epoll_ctl for a
            // connection that carries one request); a read that finds nothing blocks the JDK's way.
            readReadiness = readiness != null ? readiness : ReadReadiness.UNTRACKED;
        } else {
            // The next request comes only once the client read the response: the socket joins the
            // poller now, and the read waits for its first edge. A tracked socket's wait parks
            // without a yield first: a yield freezes the thread's stack once more (a stack chunk
            // per idle connection, docs/benchmarks.md "New connections"), and the park frees the
            // carrier all the same. An untracked one (TLS) yields as before.
            readReadiness = readiness(true);
            if (!readReadiness.tracked()) {
                AnswerYield.beforeRead(input.buffered() == 0);
            }
        }
        requestStartBytes = input.consumed();
        HeadReader.Result read = HeadReader.readRequest(headDeadlines(), readReadiness, input, idleMillis, headMillis,
                settings.maxRequestHead(), totalFromStart);
        requestFirstByteNanos = read.firstByteNanos();
        if (read.status() == HeadReader.Status.NOT_A_REQUEST) {
            return new Incoming.Invalid<>(new H1ParseException(400, "not an HTTP request", 0));
        }
        if (read.status() == HeadReader.Status.COMPLETE
                && H1HeadScanner.startsWithHttp2Preface(input.array(), input.start(), input.end())) {
            // The HTTP/2 preface on a connection that speaks HTTP/1 only: HAProxy answers 405.
            return new Incoming.Invalid<>(new H1ParseException(405, "HTTP/2 preface on an HTTP/1 connection", 0));
        }
        Incoming<H1Request> outcome = unlessComplete(read);
        if (outcome != null) {
            return outcome;
        }
        try {
            H1Request request = H1RequestParser.parse(input.array(), input.start(), read.length(), settings);
            input.consume(read.length());
            return new Incoming.Message<>(request);
        } catch (H1ParseException e) {
            return new Incoming.Invalid<>(e, MalformedHead.copy(input.array(), input.start(), read.length(),
                    e.position(), e.reason()));
        }
    }

    /** When the last request head's first byte arrived ({@link System#nanoTime()}), 0 if it was already buffered. */
    public long requestFirstByteNanos() {
        return requestFirstByteNanos;
    }

    /** Bytes of the current request read so far, head included ({@code %U}). */
    public long requestBytesRead() {
        return input.consumed() - requestStartBytes;
    }

    /** Waits for the next response head to a request made with {@code method}. */
    public Incoming<H1Response> readResponse(String method, long timeoutMillis) throws IOException {
        return readResponse(method, timeoutMillis, null);
    }

    /**
     * Waits for the next response head, {@code timeoutMillis} counting from {@code upload}'s last
     * activity when not null: the server is not silent while its request body is being written.
     */
    public Incoming<H1Response> readResponse(String method, long timeoutMillis, Activity upload) throws IOException {
        return readResponse(method, timeoutMillis, upload, null);
    }

    /**
     * As {@link #readResponse(String, long, Activity)}; a WebSocket answer must carry {@code
     * expectedAccept} when not null (the proxy made the request's key).
     */
    Incoming<H1Response> readResponse(String method, long timeoutMillis, Activity upload, String expectedAccept)
            throws IOException {
        // A response comes after its request: on a connection read for the first time, the first
        // read waits for the poller's first edge rather than fail with EAGAIN. A tracked socket's
        // wait parks without a yield first, as the idle wait does: the park frees the carrier all
        // the same, and a yield is one more freeze of the whole stack — a new connection's first,
        // and the largest stack chunk it allocated (docs/benchmarks.md "New connections: heap per
        // connection"). An untracked one (TLS) yields as before.
        ReadReadiness readReadiness = readiness(true);
        if (!readReadiness.tracked()) {
            AnswerYield.beforeRead(input.buffered() == 0);
        }
        HeadReader.Result read = HeadReader.read(headDeadlines(), readReadiness, input, timeoutMillis, timeoutMillis,
                settings.maxResponseHead(), true, upload);
        Incoming<H1Response> outcome = unlessComplete(read);
        if (outcome != null) {
            return outcome;
        }
        try {
            H1Response response = H1ResponseParser.parse(input.array(), input.start(), read.length(), method, settings,
                    expectedAccept);
            input.consume(read.length());
            return new Incoming.Message<>(response);
        } catch (H1ParseException e) {
            return new Incoming.Invalid<>(e, MalformedHead.copy(input.array(), input.start(), read.length(),
                    e.position(), e.reason()));
        }
    }

    /**
     * Runs {@code action} once, on the read-deadline watcher's thread, unless {@link
     * #responseNotSlow()} comes within {@code delayMillis}: for the wait for a response head. Never
     * runs on a TLS socket (its reads are not watched that way).
     */
    void whenResponseSlow(long delayMillis, Runnable action) {
        try {
            headDeadlines().whenSlow(delayMillis * 1_000_000, action);
        } catch (IOException broken) {
            // the socket is broken: the read that follows says so, and nothing waits
        }
    }

    /**
     * As {@link #whenResponseSlow}, for a client connection whose request waits for a server slot
     * or connection; {@link #responseNotSlow()} cancels it.
     */
    void whenWaitSlow(long delayMillis, Runnable action) {
        whenResponseSlow(delayMillis, action);
    }

    void responseNotSlow() {
        ReadDeadlines.Watch watch = headDeadlines;
        if (watch != null) {
            watch.notSlow();
        }
    }

    /** Head reads run with no socket timeout: the watcher ends them at their deadline. */
    private ReadDeadlines.Watch headDeadlines() throws IOException {
        setReadTimeout(0);
        if (headDeadlines == null) {
            headDeadlines = io.deadlines().register(socket);
        }
        return headDeadlines;
    }

    /** The socket's readiness, tracked from now on if it was not; see {@link dev.shuttle.io.ReadinessPoller#track(Socket, boolean)}. */
    private ReadReadiness readiness(boolean waitForFirstEdge) {
        ReadReadiness tracked = readiness;
        if (tracked == null) {
            tracked = io.poller().track(socket, waitForFirstEdge);
            readiness = tracked;
            if (closed) {
                tracked.close(); // closed by another thread meanwhile
            }
        }
        return tracked;
    }

    /**
     * Runs {@code hook} once, on the poller's thread, if the peer resets the connection (or it
     * fails) before {@link #stopWatchingFailure()}; false when the poller cannot track the socket
     * (no poller), and then it never runs. A TLS connection is watched through the plain socket
     * beneath it ({@link #failuresWatchedOn}). A socket not tracked yet joins the poller.
     */
    @Override
    public boolean onPeerFailure(Runnable hook) {
        return watchedReadiness().onPeerFailure(hook);
    }

    /**
     * As {@link #onPeerFailure}, the peer's FIN running the hook too ({@code option abortonclose}).
     * A TLS connection is watched through the plain socket beneath it: its FIN comes after the
     * peer's close_notify, if any.
     */
    @Override
    public boolean onPeerEnd(Runnable hook) {
        return watchedReadiness().onPeerEnd(hook);
    }

    /**
     * The readiness the client watches hook on: the plain socket's beneath TLS ({@link
     * #failuresWatchedOn}), or this socket's. A socket not tracked yet joins the poller now (a
     * connection's first request is read without it).
     */
    private ReadReadiness watchedReadiness() {
        if (watchedForFailure == null) {
            return readiness(false);
        }
        ReadReadiness beneath = failureReadiness;
        if (beneath == null) {
            beneath = io.poller().track(watchedForFailure, false);
            failureReadiness = beneath;
            if (closed) {
                beneath.close(); // closed by another thread meanwhile
            }
        }
        return beneath;
    }

    @Override
    public boolean peerEnded() {
        ReadReadiness tracked = watchedForFailure != null ? failureReadiness : readiness;
        return tracked != null && tracked.peerEnded();
    }

    @Override
    public boolean peerFailed() {
        ReadReadiness tracked = watchedForFailure != null ? failureReadiness : readiness;
        return tracked != null && tracked.peerFailed();
    }

    @Override
    public void stopWatchingFailure() {
        ReadReadiness tracked = watchedForFailure != null ? failureReadiness : readiness;
        if (tracked != null) {
            tracked.stopWatchingFailure();
        }
    }

    /**
     * What a read reports on a connection the poller saw fail: its error ({@code ECONNRESET} for a
     * reset) once any bytes still queued before it are read (they are dropped: the connection is
     * over); null when the reads report none. Only for a failed connection, whose reads never
     * wait; a short timeout bounds them all the same.
     */
    @Override
    public IOException pendingFailure() {
        byte[] discard = new byte[4096];
        try {
            setReadTimeout(FAILURE_READ_MILLIS);
            InputStream in = socket.getInputStream();
            for (int reads = 0; reads < 64; reads++) {
                if (in.read(discard) < 0) {
                    return null;
                }
            }
            return null;
        } catch (SocketTimeoutException quiet) {
            return null;
        } catch (IOException failure) {
            return failure;
        }
    }

    private void setReadTimeout(long millis) throws IOException {
        int timeout = (int) Math.min(millis, Integer.MAX_VALUE);
        if (timeout != soTimeoutMillis) {
            socket.setSoTimeout(timeout);
            soTimeoutMillis = timeout;
        }
    }

    private <T> Incoming<T> unlessComplete(HeadReader.Result read) {
        return switch (read.status()) {
            case COMPLETE -> null;
            case CLOSED_BEFORE_ANY_BYTE -> new Incoming.Gone<>(false, false, read.failure());
            case CLOSED_IN_HEAD -> new Incoming.Gone<>(false, true, read.failure());
            case TIMEOUT_BEFORE_ANY_BYTE -> new Incoming.Gone<>(true, false);
            case TIMEOUT_IN_HEAD -> new Incoming.Gone<>(true, true);
            case TOO_LARGE -> new Incoming.TooLarge<>(H1HeadScanner.hasLineEnd(input.array(), input.start(), input.end()));
            case NOT_A_REQUEST -> throw new IllegalStateException("only request reads look for one");
        };
    }

    /**
     * Reads a body of {@code length} bytes entirely into the buffer ({@code option
     * http-buffer-request}); false when it does not fit, or does not arrive within {@code
     * timeoutMillis}.
     */
    public boolean bufferBody(long length, long timeoutMillis) throws IOException {
        if (length > input.capacity()) {
            return false;
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000 : Long.MAX_VALUE;
        while (input.buffered() < length) {
            long remainingMillis = deadline == Long.MAX_VALUE ? 0 : (deadline - System.nanoTime()) / 1_000_000;
            if (deadline != Long.MAX_VALUE && remainingMillis <= 0) {
                return false;
            }
            setReadTimeout(remainingMillis);
            try {
                if (input.fill() < 0) {
                    throw new EOFException("client closed before the end of the body");
                }
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
        return true;
    }

    public void writeRequestHead(RequestHead head) throws IOException {
        H1Writer.writeRequestHead(head, output);
    }

    /** Writes a response head; interim (1xx) heads are flushed at once, since the peer waits for them. */
    public void writeResponseHead(ResponseHead head) throws IOException {
        H1Writer.writeResponseHead(head, output);
        if (head.isInterim()) {
            output.flush();
        }
    }

    /** Writes raw bytes, such as a complete error response. */
    public void writeRaw(byte[] bytes) throws IOException {
        output.write(bytes);
        output.flush();
    }

    /** Streams a body read from {@code from} (another connection) out of this one. */
    public long forwardBodyFrom(H1Connection from, BodyFraming framing, BodyForwarder.Output how, long idleMillis)
            throws IOException {
        return forwardBodyFrom(from, framing, how, idleMillis, null, true);
    }

    /**
     * {@link #forwardBodyFrom(H1Connection, BodyFraming, BodyForwarder.Output, long)}, noting each write as
     * {@code activity}; without {@code trailers}, a chunked body's trailer fields are dropped.
     */
    public long forwardBodyFrom(H1Connection from, BodyFraming framing, BodyForwarder.Output how, long idleMillis,
                                Activity activity, boolean trailers) throws IOException {
        if (mayRead(framing, from.input)) {
            from.setReadTimeout(idleMillis);
        }
        if (activity == null) {
            return BodyForwarder.forward(from.input, framing, output, how, trailers);
        }
        // Until the body's first bytes come, the client is awaited; once it ended, the server is.
        activity.awaitOtherSide();
        try {
            return BodyForwarder.forward(from.input, framing, new ActiveOutputStream(output, activity), how, trailers);
        } finally {
            activity.touch();
        }
    }

    /**
     * Forwards this connection's body, framed as {@code framing} says, to {@code out} as bare payload
     * (no chunk framing): what an HTTP/2 stream's DATA frames carry. A chunked body's trailer fields
     * are added to {@code trailers}.
     */
    long forwardRawBodyTo(BodyFraming framing, OutputStream out, long idleMillis, HeaderList trailers)
            throws IOException {
        if (mayRead(framing, input)) {
            setReadTimeout(idleMillis);
        }
        return BodyForwarder.forwardPayload(input, framing, out, trailers);
    }

    /**
     * Forwards a body that arrived elsewhere than on an HTTP/1 connection (an HTTP/2 stream's DATA,
     * read through {@code in}) onto this connection, framed as {@code how} says, noting each write as
     * {@code activity} when not null.
     */
    public long forwardBodyFrom(InputBuffer in, BodyFraming framing, BodyForwarder.Output how, Activity activity,
                                boolean trailers) throws IOException {
        if (activity == null) {
            return BodyForwarder.forward(in, framing, output, how, trailers);
        }
        activity.awaitOtherSide();
        try {
            return BodyForwarder.forward(in, framing, new ActiveOutputStream(output, activity), how, trailers);
        } finally {
            activity.touch();
        }
    }

    /**
     * Whether forwarding a body so framed may have to read the socket: not when there is none, nor
     * when all of it came in with the head. Then the read timeout is left as the head read set it,
     * which saves two {@code setSoTimeout} calls per small exchange (one to set it, one to clear it
     * for the next head).
     */
    private static boolean mayRead(BodyFraming framing, InputBuffer input) {
        return switch (framing) {
            case BodyFraming.None none -> false;
            case BodyFraming.Length length -> length.length() > input.buffered();
            default -> true;
        };
    }

    /** Bytes written on this connection so far, heads included. */
    public long bytesWritten() {
        return output.count();
    }

    public void flush() throws IOException {
        output.flush();
    }

    /**
     * Whether a connection that waited idle between exchanges can carry another: nothing arrived
     * (an idle HTTP/1.1 server has nothing to say; a byte is an error or a close notice such as a
     * 408) and, when {@code waitMillis} is positive, no end of stream shows within that time. Reads
     * at most one byte, and only when the answer is already "no".
     *
     * <p>The kernel is not asked (the question is one system call, {@code FIONREAD}, on every
     * reuse under load; with a wait, a timed read that fails, a one-shot registration in the JDK's
     * poller and a timer) when the readiness poller counted no edge since the last read emptied the
     * socket ({@link ReadReadiness#knownEmpty}: nothing came, not even the end, which is an edge
     * too), nor, without a wait, when the connection has been idle for less than {@link
     * #SPEAKS_AFTER_NANOS}.
     */
    public boolean looksReusable(long waitMillis) {
        if (closed || input.buffered() > 0) {
            return false;
        }
        ReadReadiness tracked = readiness;
        if (tracked != null && tracked.knownEmpty()) {
            // The poller counts a FIN or a reset as an edge too: no wait can learn more than it has.
            return true;
        }
        if (waitMillis <= 0 && System.nanoTime() - idleSinceNanos < SPEAKS_AFTER_NANOS) {
            return true;
        }
        try {
            InputStream in = socket.getInputStream();
            if (in.available() > 0) {
                return false;
            }
            if (waitMillis <= 0) {
                return true;
            }
            setReadTimeout(waitMillis);
            try {
                in.read();
                return false;
            } catch (SocketTimeoutException quiet) {
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes after the peer had its chance to read what was sent: when bytes of the peer's wait
     * unread (a request refused before it was read whole), closing at once makes the kernel answer
     * them with a reset, which can destroy the response in flight. The output is shut down first,
     * then what the peer still sends is read and dropped until it closes or {@code maxMillis} pass
     * (HAProxy's lingering close).
     */
    public void closeLingering(long maxMillis) {
        if (closed) {
            return;
        }
        try {
            output.flush();
            socket.shutdownOutput();
            long deadline = System.nanoTime() + maxMillis * 1_000_000;
            byte[] dropped = new byte[4096];
            InputStream in = socket.getInputStream();
            long left = maxMillis;
            while (left > 0) {
                setReadTimeout(left);
                if (in.read(dropped) < 0) {
                    break;
                }
                left = (deadline - System.nanoTime()) / 1_000_000;
            }
        } catch (IOException gone) {
            // the peer reset or left: nothing more to wait for
        } finally {
            close();
        }
    }

    /**
     * Ends reading from another thread: a read waiting for the peer returns at once with an end of
     * stream, and nothing more is read; writes still work.
     */
    public void shutdownInput() {
        try {
            socket.shutdownInput();
        } catch (IOException alreadyGone) {
            // the connection is closed or broken: no read waits on it any more
        }
    }

    @Override
    /**
     * Closes the socket. It does not flush: every exchange flushes what it means to send, and a
     * close may come from another thread than the one writing (an exchange aborting the upload of
     * a request body), which must never touch, let alone give back to the pool, a buffer that the
     * writer still uses. Unflushed bytes of an aborted upload are dropped with the connection.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (headDeadlines != null) {
            headDeadlines.close();
        }
        ReadReadiness tracked = readiness;
        if (tracked != null) {
            tracked.close();
        }
        ReadReadiness beneath = failureReadiness;
        if (beneath != null) {
            beneath.close();
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}
