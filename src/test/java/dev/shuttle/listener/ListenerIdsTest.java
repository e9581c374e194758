package dev.shuttle.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ListenerIds}: listener numbering as HAProxy 3.5 does it at start (0: no {@code id} on the line). */
class ListenerIdsTest {
    private static List<Integer> number(List<Integer> configured) {
        ListenerIds ids = new ListenerIds(configured);
        return configured.stream().map(ids::take).toList();
    }

    @Test
    void withoutIdsListenersCountFromOne() {
        assertEquals(List.of(1, 2, 3), number(List.of(0, 0, 0)));
    }

    @Test
    void aListenerAfterOneWithAnIdTakesTheNextOne() {
        assertEquals(List.of(7, 8, 9), number(List.of(7, 0, 0)), "what 3.5 shows for 'id 7' then two lines");
        assertEquals(List.of(4, 5, 1, 2), number(List.of(4, 0, 1, 0)));
    }

    @Test
    void automaticIdsSkipThoseReservedByLaterLines() {
        assertEquals(List.of(1, 3, 4, 2), number(List.of(0, 0, 0, 2)));
    }

    @Test
    void anAutomaticIdNeverRepeatsAnEarlierAutomaticOne() {
        assertEquals(List.of(1, 3, 2, 4), number(List.of(0, 0, 2, 0)), "after 2 comes 3, taken: 4");
    }
}
