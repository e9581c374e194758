package dev.shuttle.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Set;

/**
 * A socket given to JSSE to layer TLS over, which notes what the socket's own reads and writes
 * meet ({@link SocketBeneath}: an end of stream, a failure) for the termination events. On the
 * listener's side its first bytes were already read (the ClientHello the listener looked at): its
 * input replays those bytes, then reads the socket; on a server's side nothing is replayed.
 * Everything else goes to the socket itself.
 *
 * <p>Why not JSSE's own "consumed input" form of {@code createSocket}: it chains the bytes and the
 * socket's stream with a {@code SequenceInputStream}, which closes the socket's stream, hence the
 * whole socket, when it reads the end of the stream; a connection half-closed by its client, or
 * whose input a deadline shut down, could then no longer be answered (measured on JDK 25).
 */
final class ReplaySocket extends Socket implements SocketBeneath {
    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    // Written by the connection's thread (JSSE's reads and writes), read when its events are logged,
    // possibly by a tunnel's other thread: volatile, set once.
    private volatile boolean ended;
    private volatile boolean failed;

    ReplaySocket(Socket socket, byte[] replay) throws IOException {
        this.socket = socket;
        this.input = new ReplayInput(Arrays.copyOf(replay, replay.length), socket.getInputStream());
        this.output = new WatchedOutput(socket.getOutputStream());
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public boolean failed() {
        return failed;
    }

    /** Notes a failed call of the socket: a timeout is not the socket's failure, nor a socket Shuttle closed. */
    private IOException noted(IOException failure) {
        if (!(failure instanceof SocketTimeoutException) && !socket.isClosed()) {
            failed = true;
        }
        return failure;
    }

    /** The replayed bytes, then the socket's; closing it does not close the socket. */
    private final class ReplayInput extends InputStream {
        private final byte[] replay;
        private int position;
        private final InputStream rest;

        ReplayInput(byte[] replay, InputStream rest) {
            this.replay = replay;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            if (position < replay.length) {
                return replay[position++] & 0xFF;
            }
            try {
                int read = rest.read();
                if (read < 0) {
                    ended = true;
                }
                return read;
            } catch (IOException e) {
                throw noted(e);
            }
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (position < replay.length) {
                int count = Math.min(length, replay.length - position);
                System.arraycopy(replay, position, into, offset, count);
                position += count;
                return count;
            }
            try {
                int read = rest.read(into, offset, length);
                if (read < 0) {
                    ended = true;
                }
                return read;
            } catch (IOException e) {
                throw noted(e);
            }
        }

        @Override
        public int available() throws IOException {
            return replay.length - position + (position < replay.length ? 0 : rest.available());
        }
    }

    /** The socket's output, whose failures are noted; closing it does not close the socket. */
    private final class WatchedOutput extends OutputStream {
        private final OutputStream out;

        WatchedOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw noted(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw noted(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw noted(e);
            }
        }
    }

    @Override
    public InputStream getInputStream() {
        return input;
    }

    @Override
    public OutputStream getOutputStream() {
        return output;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        throw new SocketException("already connected");
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        throw new SocketException("already bound");
    }

    @Override
    public InetAddress getInetAddress() {
        return socket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return socket.getPort();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return socket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return null;
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        socket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return socket.getTcpNoDelay();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        socket.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return socket.getSoLinger();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return socket.getSoTimeout();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        socket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return socket.getKeepAlive();
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        socket.setSendBufferSize(size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return socket.getSendBufferSize();
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        socket.setReceiveBufferSize(size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return socket.getReceiveBufferSize();
    }

    @Override
    public <T> Socket setOption(SocketOption<T> name, T value) throws IOException {
        socket.setOption(name, value);
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        return socket.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return socket.supportedOptions();
    }

    @Override
    public void shutdownInput() throws IOException {
        socket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        return socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return socket.isOutputShutdown();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public boolean isBound() {
        return socket.isBound();
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
