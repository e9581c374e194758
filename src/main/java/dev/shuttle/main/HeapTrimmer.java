package dev.shuttle.main;

import dev.shuttle.io.Ticker;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Optional;

/**
 * Keeps the heap, hence the process's memory, near what the proxy really holds. The serial
 * collector (scripts/shuttle) grows its old generation to take each young collection's survivors
 * rather than collect it, and collects it only once the heap's maximum is reached: under load the
 * old generation filled with garbage cycle after cycle, RSS grew towards a quarter of the machine's
 * memory, while a full collection found 15 to 30 MiB alive. The JDK has no soft heap limit for
 * this collector, so this watcher is one: every few seconds it compares the old generation's use
 * with what the last full collection left alive, and asks for a full collection once it holds
 * several times that (and more than a floor); the collection then gives the memory back
 * ({@code -XX:MaxHeapFreeRatio}). A pause of a few tens of milliseconds when garbage has piled
 * up, nothing while idle. {@code -Dshuttle.heapTrim=false} turns it off; another collector
 * chosen with {@code SHUTTLE_JAVA_OPTS} makes it stand aside.
 */
final class HeapTrimmer {
    /** How often the old generation is looked at. */
    private static final long CHECK_MILLIS = 5000;
    /** A heap this small is never trimmed: a full collection would gain little. */
    private static final long FLOOR_BYTES = 48L << 20;
    /** Trimmed once it holds this many times what the last full collection left alive. */
    private static final int LIVE_MULTIPLE = 3;

    private final Ticker ticker = new Ticker("shuttle-heap-trim", CHECK_MILLIS, now -> check());
    /** The serial collector's old generation, found at the first check (management starts no sooner); empty: none. Owned by the ticker's thread. */
    private Optional<MemoryPoolMXBean> oldGeneration;

    /** Starts watching, unless {@code -Dshuttle.heapTrim=false}. */
    void start() {
        if (Boolean.parseBoolean(System.getProperty("shuttle.heapTrim", "true"))) {
            ticker.ensureStarted();
        }
    }

    /** Whether an old generation using {@code usedBytes}, where the last full collection left {@code liveBytes}, is due a collection. */
    static boolean due(long usedBytes, long liveBytes) {
        return usedBytes > Math.max(FLOOR_BYTES, LIVE_MULTIPLE * liveBytes);
    }

    private void check() {
        if (oldGeneration == null) {
            oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getName().equals("Tenured Gen"))
                    .findFirst();
        }
        if (oldGeneration.isEmpty()) {
            return; // another collector: it sizes its heap its own way
        }
        MemoryPoolMXBean pool = oldGeneration.get();
        MemoryUsage afterLastCollection = pool.getCollectionUsage();
        long live = afterLastCollection == null ? 0 : afterLastCollection.getUsed();
        if (due(pool.getUsage().getUsed(), live)) {
            System.gc();
        }
    }
}
