package dev.shuttle.backend;

/**
 * Where a request stands in a queue besides its arrival (configuration.txt §4.3,
 * "http-request set-priority-class" and "set-priority-offset"): a lower class is served before any
 * higher one; within a class, requests are served by arrival time plus their offset, so a negative
 * offset moves a request ahead of those that came up to that many milliseconds before it.
 *
 * @param priorityClass  -2047 to 2047, 0 by default
 * @param offsetMillis   -524287 to 524287, 0 by default
 */
public record QueuePriority(int priorityClass, int offsetMillis) {
    /** A request no rule set a priority for. */
    public static final QueuePriority NONE = new QueuePriority(0, 0);

    /** The priority a stream's {@code set-priority-*} rules left, without an allocation for the default. */
    public static QueuePriority of(int priorityClass, int offsetMillis) {
        return priorityClass == 0 && offsetMillis == 0 ? NONE : new QueuePriority(priorityClass, offsetMillis);
    }
}
