package dev.shuttle.hpack;

/**
 * The dynamic table (RFC 7541 §2.3.2, §4): the fields a peer asked to remember, newest first,
 * bounded by a size in octets (§4.1). Adding a field evicts the oldest until it fits (§4.4); a
 * field larger than the whole table empties it and is not added. Index 1 here is the newest entry,
 * which a header block calls index 62 (after the static table).
 *
 * <p>A ring of entries: adding writes before the newest, evicting drops from the oldest end. One
 * table belongs to one decoder or encoder, itself used by one connection thread at a time, so the
 * table has no lock.
 */
final class DynamicTable {
    private HeaderField[] ring = new HeaderField[16];
    /** Where the newest entry is in {@link #ring}. */
    private int head;
    private int count;
    /** The sum of the entries' sizes (§4.1). */
    private int size;
    /** The most {@link #size} may reach, set by the encoder's table size updates (§6.3). */
    private int maxSize;

    DynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    int count() {
        return count;
    }

    int size() {
        return size;
    }

    int maxSize() {
        return maxSize;
    }

    /** The entry at {@code index}, 1 being the newest. */
    HeaderField get(int index) {
        if (index < 1 || index > count) {
            throw new IndexOutOfBoundsException("dynamic index " + index + " of " + count);
        }
        return ring[(head + index - 1) % ring.length];
    }

    /** Adds {@code field} as the newest entry, evicting the oldest ones until it fits (§4.4). */
    void add(HeaderField field) {
        int fieldSize = field.size();
        if (fieldSize > maxSize) {
            evictTo(0);
            return;
        }
        evictTo(maxSize - fieldSize);
        if (count == ring.length) {
            grow();
        }
        head = (head - 1 + ring.length) % ring.length;
        ring[head] = field;
        count++;
        size += fieldSize;
    }

    /** A new maximum size (§4.3): entries are evicted until the table fits in it. */
    void setMaxSize(int newMaxSize) {
        maxSize = newMaxSize;
        evictTo(newMaxSize);
    }

    /** The index (1 = newest) of this exact field, or 0. */
    int indexOf(HeaderField field) {
        for (int i = 1; i <= count; i++) {
            if (get(i).equals(field)) {
                return i;
            }
        }
        return 0;
    }

    /** The index (1 = newest) of the newest entry with this name, or 0. */
    int indexOfName(String name) {
        for (int i = 1; i <= count; i++) {
            if (get(i).name().equals(name)) {
                return i;
            }
        }
        return 0;
    }

    private void evictTo(int targetSize) {
        while (size > targetSize) {
            int oldest = (head + count - 1) % ring.length;
            size -= ring[oldest].size();
            ring[oldest] = null;
            count--;
        }
    }

    private void grow() {
        HeaderField[] larger = new HeaderField[ring.length * 2];
        for (int i = 0; i < count; i++) {
            larger[i] = ring[(head + i) % ring.length];
        }
        ring = larger;
        head = 0;
    }
}
