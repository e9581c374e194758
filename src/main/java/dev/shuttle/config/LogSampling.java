package dev.shuttle.config;

import java.util.List;

/**
 * {@code sample <ranges>:<size>} of the {@code log} keyword (configuration.txt, "log"): of every
 * {@code size} consecutive messages, numbered from 1, only those whose number falls in one of
 * the ranges are sent. HAProxy 3.5 numbers a logger's messages as they come, so {@code sample
 * 2:3} sends the 2nd, 5th, 8th... message.
 *
 * @param ranges inclusive {@code [low, high]} pairs, each within {@code 1..size}
 * @param size   the period, in messages
 */
public record LogSampling(List<Range> ranges, int size) {
    public LogSampling {
        ranges = List.copyOf(ranges);
    }

    /** One inclusive range of message numbers. */
    public record Range(int low, int high) {}

    /** Whether the message counted {@code index} (from 0, in the order the logger saw them) is sent. */
    public boolean admits(long index) {
        long position = index % size + 1;
        for (Range range : ranges) {
            if (position >= range.low() && position <= range.high()) {
                return true;
            }
        }
        return false;
    }
}
