package dev.shuttle.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BindSocketOptionsTest {
    @Test
    void anExplicitBacklogIsKept() {
        BindSocketOptions options = new BindSocketOptions(128, false, false, null, null, null, true);
        assertEquals(128, options.withDefaultBacklog(5000, 10000).backlog());
    }

    @Test
    void withoutBacklogTheFrontendMaxconnThenTheGlobalOneSizesTheListenQueue() {
        BindSocketOptions options = BindSocketOptions.DEFAULTS;
        assertEquals(5000, options.withDefaultBacklog(5000, 10000).backlog());
        assertEquals(10000, options.withDefaultBacklog(0, 10000).backlog());
        assertEquals(BindSocketOptions.UNLIMITED_BACKLOG, options.withDefaultBacklog(0, 0).backlog());
    }
}
