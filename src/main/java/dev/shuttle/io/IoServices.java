package dev.shuttle.io;

/**
 * The process-wide services a connection's I/O uses: the pool its buffers come from, the watcher
 * of its head-read deadlines, and the poller that tells when its socket has bytes. The process
 * makes them once at start and hands them down; a test makes its own.
 */
public record IoServices(BufferPool buffers, ReadDeadlines deadlines, ReadinessPoller poller) {
    /** Services with a pool of {@code maxPooled} buffers of {@code bufferSize} bytes, a new watcher and a new poller. */
    public static IoServices start(int bufferSize, int maxPooled) {
        return new IoServices(new BufferPool(bufferSize, maxPooled), new ReadDeadlines(), ReadinessPoller.start());
    }
}
