package dev.shuttle.listener;

import dev.shuttle.io.ReadinessPoller;

/**
 * {@link ListenerControlTest}'s cases with the acceptor waiting through a readiness poller (as
 * the process runs its listeners): a pause's shutdown, the resume's listen and a lowered maxconn
 * behave as with the JDK's blocking accept.
 */
class ListenerControlPolledTest extends ListenerControlTest {
    private static final ReadinessPoller POLLER = ReadinessPoller.start();

    @Override
    ReadinessPoller poller() {
        return POLLER;
    }
}
