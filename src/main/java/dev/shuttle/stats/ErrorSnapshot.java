package dev.shuttle.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The last message a proxy refused as malformed, as {@code show errors} reports it
 * (management.txt): when, which event of the process it was, the other proxy and the server
 * involved, the client's address, the message's bytes as the parser saw them, and where it stopped.
 *
 * @param event       the process-wide number of the capture, from 0
 * @param request     whether a request (captured by a frontend) or a response (by a backend)
 * @param otherProxy  the backend of a request, the frontend of a response; null when none
 * @param server      the server of a response; null when none
 * @param source      the client's address, {@code ip:port}
 * @param bytes       the message's bytes (their count is the length reported)
 * @param position    the offset of the byte the parser refused
 * @param bufferSize  the size of the buffer that held the message
 * @param reason      why the parser refused it, in Shuttle's words
 */
public record ErrorSnapshot(long event, long atMillis, boolean request, String otherProxy, int otherProxyId,
                            String server, int serverId, String source, byte[] bytes, int position, int bufferSize,
                            String reason) {
    private static final AtomicLong EVENTS = new AtomicLong();

    /** The number of the next capture (HAProxy's {@code error_snapshot_id}). */
    public static long nextEvent() {
        return EVENTS.getAndIncrement();
    }

    /** How many messages the process captured so far ({@code show errors}'s "Total events captured"). */
    public static long captured() {
        return EVENTS.get();
    }
}
