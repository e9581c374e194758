package dev.shuttle.listener;

import java.util.HashSet;
import java.util.Set;

/**
 * Numbers the listeners of one frontend as HAProxy 3.5 does at start (cfgparse.c, listener ids):
 * a listener with an {@code id} keeps it; the others, in order, take the first id not used yet
 * from the one after the previous listener's, starting at 1. So {@code bind :1 id 7} followed by
 * two lines without one gives 7, 8, 9.
 *
 * <p>Owned by the thread that starts the process.
 */
public final class ListenerIds {
    private final Set<Integer> used = new HashSet<>();
    private int next = 1;

    /** Numbering for a frontend whose bind lines set {@code explicit} ids (0s are ignored). */
    public ListenerIds(Iterable<Integer> explicit) {
        for (int id : explicit) {
            if (id > 0) {
                used.add(id);
            }
        }
    }

    /** The id of the next listener in the frontend's order: {@code explicit} if set (not 0), else the next spare one. */
    public int take(int explicit) {
        int id = explicit;
        if (id <= 0) {
            id = next;
            while (used.contains(id)) {
                id++;
            }
            used.add(id);
        }
        next = id + 1;
        return id;
    }
}
