package dev.shuttle.check;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/** A probe that can run on the {@link CheckPoller} without a thread of its own, when its connection allows. */
interface PolledProbe extends Probe {
    /**
     * Starts one check of the server on {@code poller}; {@code done} then gets the outcome on the
     * poller's thread, as {@link #run} would return it (untimed). Says false, and starts nothing,
     * when this check's connection needs more than the poller does (TLS, a PROXY header, SOCKS4):
     * {@link #run} checks it on a thread of its own.
     */
    boolean startOn(CheckPoller poller, InetSocketAddress target, CheckTimeouts timeouts, Consumer<CheckOutcome> done);
}
