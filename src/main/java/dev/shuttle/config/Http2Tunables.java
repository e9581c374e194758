package dev.shuttle.config;

/**
 * The {@code tune.h2.*} settings of HTTP/2 connections, client and server side (configuration.txt §3.2), as read;
 * 0 is "not set" where HAProxy treats it so. {@link #streamWindow}, {@link #concurrentStreams} and
 * {@link #frameSize} give the value in force, defaults included.
 *
 * @param headerTableSize       {@code tune.h2.header-table-size}: the HPACK dynamic table this side
 *                              keeps for the client's blocks, 4096 to 65536
 * @param initialWindowSize     {@code tune.h2.initial-window-size}: 0 = {@code tune.bufsize}
 * @param frontInitialWindowSize {@code tune.h2.fe.initial-window-size}: 0 = the above
 * @param maxConcurrentStreams  {@code tune.h2.max-concurrent-streams}: 0 = 100
 * @param frontMaxConcurrentStreams {@code tune.h2.fe.max-concurrent-streams}: 0 = the above
 * @param maxFrameSize          {@code tune.h2.max-frame-size}: 0 = {@code tune.bufsize}, at least 16384
 * @param frontMaxTotalStreams  {@code tune.h2.fe.max-total-streams}: streams a connection serves
 *                              before Shuttle says GOAWAY; 0 = no limit
 * @param frontGlitchesThreshold {@code tune.h2.fe.glitches-threshold}: glitches that end a
 *                              connection; 0 = none does
 * @param backInitialWindowSize {@code tune.h2.be.initial-window-size}: 0 = the common one
 * @param backMaxConcurrentStreams {@code tune.h2.be.max-concurrent-streams}: 0 = the common one
 * @param backGlitchesThreshold {@code tune.h2.be.glitches-threshold}: glitches that end a server
 *                              connection; 0 = none does
 */
public record Http2Tunables(int headerTableSize, int initialWindowSize, int frontInitialWindowSize,
                            int maxConcurrentStreams, int frontMaxConcurrentStreams, int maxFrameSize,
                            int frontMaxTotalStreams, int frontGlitchesThreshold, int backInitialWindowSize,
                            int backMaxConcurrentStreams, int backGlitchesThreshold, boolean websocketDisabled) {
    /** HAProxy's defaults: nothing set. */
    public static final Http2Tunables DEFAULTS = new Http2Tunables(4096, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false);

    /** Settings with nothing set for server connections. */
    public Http2Tunables(int headerTableSize, int initialWindowSize, int frontInitialWindowSize,
                         int maxConcurrentStreams, int frontMaxConcurrentStreams, int maxFrameSize,
                         int frontMaxTotalStreams, int frontGlitchesThreshold) {
        this(headerTableSize, initialWindowSize, frontInitialWindowSize, maxConcurrentStreams,
                frontMaxConcurrentStreams, maxFrameSize, frontMaxTotalStreams, frontGlitchesThreshold, 0, 0, 0, false);
    }

    private static final int DEFAULT_CONCURRENT_STREAMS = 100;
    private static final int MIN_FRAME_SIZE = 16_384;

    /** The SETTINGS_INITIAL_WINDOW_SIZE client streams get: the front value, the common one, or a buffer. */
    public int streamWindow(int bufferSize) {
        int window = frontInitialWindowSize != 0 ? frontInitialWindowSize : initialWindowSize;
        return window != 0 ? window : bufferSize;
    }

    /** The SETTINGS_MAX_CONCURRENT_STREAMS announced to clients. */
    public int concurrentStreams() {
        int streams = frontMaxConcurrentStreams != 0 ? frontMaxConcurrentStreams : maxConcurrentStreams;
        return streams != 0 ? streams : DEFAULT_CONCURRENT_STREAMS;
    }

    /** The SETTINGS_INITIAL_WINDOW_SIZE announced to servers: the back value, the common one, or a buffer. */
    public int serverStreamWindow(int bufferSize) {
        int window = backInitialWindowSize != 0 ? backInitialWindowSize : initialWindowSize;
        return window != 0 ? window : bufferSize;
    }

    /** The streams Shuttle opens at most at once on a server connection (its own limit; the server's SETTINGS may lower it). */
    public int serverConcurrentStreams() {
        int streams = backMaxConcurrentStreams != 0 ? backMaxConcurrentStreams : maxConcurrentStreams;
        return streams != 0 ? streams : DEFAULT_CONCURRENT_STREAMS;
    }

    /** The SETTINGS_MAX_FRAME_SIZE announced: the setting, else the larger of 16384 and a buffer, never above a buffer's. */
    public int frameSize(int bufferSize) {
        int size = maxFrameSize != 0 ? maxFrameSize : Math.max(MIN_FRAME_SIZE, bufferSize);
        return Math.max(MIN_FRAME_SIZE, size);
    }
}
