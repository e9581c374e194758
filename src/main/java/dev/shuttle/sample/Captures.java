package dev.shuttle.sample;

import dev.shuttle.http.HeaderList;
import java.util.ArrayList;
import java.util.List;

/**
 * A frontend's capture slots (configuration.txt §4.2 "capture request header", "declare capture",
 * §8.8): request and response slots numbered from 0 in declaration order, whether declared by
 * {@code capture ... header}, {@code declare capture} or an {@code http-request capture ... len}
 * rule. Their values print in the HTTP log's {@code %hr}/{@code %hs} fields and are read back by
 * {@code capture.req.hdr(n)}/{@code capture.res.hdr(n)}.
 */
public record Captures(List<Slot> request, List<Slot> response) {
    public static final Captures NONE = new Captures(List.of(), List.of());

    public Captures {
        request = List.copyOf(request);
        response = List.copyOf(response);
    }

    /**
     * One slot.
     *
     * @param header the header it captures by itself ({@code capture request header}), or null for
     *               a slot that rules fill
     * @param length the most characters kept
     */
    public record Slot(String header, int length) {
        /** The value cut to the slot's length, as HAProxy stores it. */
        public String truncate(String value) {
            return value.length() <= length ? value : value.substring(0, length);
        }
    }

    public List<Slot> of(boolean requestSide) {
        return requestSide ? request : response;
    }

    /**
     * Starts a message's captures: one entry per slot, holding the last occurrence of the slot's
     * header (cut to its length) or null, for the capture rules to fill the others.
     */
    public void capture(boolean requestSide, HeaderList headers, List<String> values) {
        values.clear();
        for (Slot slot : of(requestSide)) {
            List<String> found = slot.header() == null ? List.of() : headers.all(slot.header());
            values.add(found.isEmpty() ? null : slot.truncate(found.getLast()));
        }
    }

    /** The values as the log prints them, one per slot: {@code ""} for nothing captured. */
    public List<String> forLog(boolean requestSide, List<String> values) {
        List<String> printed = new ArrayList<>();
        for (int i = 0; i < of(requestSide).size(); i++) {
            String value = i < values.size() ? values.get(i) : null;
            printed.add(value == null ? "" : value);
        }
        return printed;
    }
}
