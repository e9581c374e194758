package dev.shuttle.check;

import java.net.InetSocketAddress;

/** One way of checking a server: connects to it, asks, and judges the answer. Runs on the check's own thread. */
public interface Probe {
    /**
     * Checks the server once. Never throws for what the server does: every failure is an outcome.
     *
     * @throws InterruptedException when the process stops the check
     */
    CheckOutcome run(InetSocketAddress target, CheckTimeouts timeouts) throws InterruptedException;
}
