package dev.shuttle.listener;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live streams of one frontend, for the runtime API: a connection's thread adds its stream
 * when the connection is accepted and removes it when it closes, one concurrent map operation each
 * (no lock, nothing per request). Readers see a weakly consistent view: a stream that ends while
 * {@code show sess} lists may or may not be listed, as with HAProxy.
 */
public final class LiveStreams {
    private final Map<Long, LiveStream> streams = new ConcurrentHashMap<>();

    public void add(LiveStream stream) {
        streams.put(stream.id(), stream);
    }

    /** Removes a stream that ended: from now on {@link LiveStream#kill} no longer interrupts its thread. */
    public void remove(LiveStream stream) {
        streams.remove(stream.id());
        stream.ended();
    }

    /** The stream with this identifier, or null. */
    public LiveStream get(long id) {
        return streams.get(id);
    }

    /** The streams now, oldest first. */
    public List<LiveStream> snapshot() {
        List<LiveStream> all = new ArrayList<>(streams.values());
        all.sort(Comparator.comparingLong(LiveStream::id));
        return all;
    }

    public int size() {
        return streams.size();
    }
}
