package dev.shuttle.sample;

/**
 * The rewrites of one exchange that failed (configuration.txt §4.3, "http-request strict-mode"):
 * an action that could not rewrite the message notes it here, the rule set then ends the exchange
 * with a 500 when its strict mode is on, and the end of the exchange adds them to the {@code
 * wrew} counters (a backend's and a server's count only the failures made once they were chosen,
 * as HAProxy's do) and, for the one that ended it, to {@code eint}. Owned by the stream's thread.
 */
public final class RewriteFailures {
    private int total;
    private int withBackend;
    private int withServer;
    private boolean endedExchange;

    void reset() {
        total = 0;
        withBackend = 0;
        withServer = 0;
        endedExchange = false;
    }

    /** A rewrite failed; {@code backendChosen}/{@code serverChosen}: whether the stream had them then. */
    void failed(boolean backendChosen, boolean serverChosen) {
        total++;
        withBackend += backendChosen ? 1 : 0;
        withServer += serverChosen ? 1 : 0;
    }

    /** Under strict mode, the last failure ended the exchange with an internal error. */
    public void endedExchange() {
        endedExchange = true;
    }

    public int total() {
        return total;
    }

    public int withBackend() {
        return withBackend;
    }

    public int withServer() {
        return withServer;
    }

    public boolean hasEndedExchange() {
        return endedExchange;
    }
}
