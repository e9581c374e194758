package dev.shuttle.stream;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.io.InputBuffer;
import dev.shuttle.rules.Rule;
import dev.shuttle.rules.RuleSet;
import dev.shuttle.rules.Verdict;
import dev.shuttle.sample.ContentBuffer;
import dev.shuttle.sample.SampleContext;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tcp-request content} rules of a TCP-mode stream over the client's first bytes
 * (configuration.txt §4.2, "tcp-request inspect-delay" and "tcp-request content"): the rules run
 * in order; when a rule's condition fails with a fetch that says more data may change its answer
 * ({@code req.len}, {@code req.payload} lacking bytes...), the stream reads more and evaluates
 * that rule again, until the condition is certain, the client closes its side, the buffer is
 * full, or the inspect delay is over, when the rules are evaluated with what arrived. Rules
 * already applied are not run again (HAProxy resumes at the waiting rule). Without an inspect
 * delay, the rules see only what is already buffered, as HAProxy's do.
 *
 * <p>The bytes stay in the client's {@link InputBuffer}: the tunnel forwards them afterwards.
 */
final class ContentInspection implements ContentBuffer {
    private final InputBuffer input;
    private final Socket socket;
    private final long deadlineNanos;
    private final boolean waits;
    private boolean ended;
    private boolean expired;

    /**
     * @param delayMillis {@code tcp-request inspect-delay}, 0 for none; counted from now
     */
    ContentInspection(InputBuffer input, Socket socket, long delayMillis) {
        this.input = input;
        this.socket = socket;
        this.waits = delayMillis > 0;
        this.deadlineNanos = System.nanoTime() + delayMillis * 1_000_000L;
    }

    /**
     * Runs {@code rules} over the client's bytes. The context keeps seeing them ({@code req.*})
     * afterwards, for {@code use_backend} and {@code use-server}, until the stream clears them.
     */
    static Verdict run(RuleSet rules, SampleContext context, InputBuffer input, Socket socket, long delayMillis)
            throws IOException {
        if (rules.isEmpty()) {
            context.requestContent(new ContentInspection(input, socket, 0));
            return Verdict.CONTINUE;
        }
        ContentInspection content = new ContentInspection(input, socket, delayMillis);
        context.requestContent(content);
        return content.evaluate(rules.rules(), context);
    }

    private Verdict evaluate(List<Rule> rules, SampleContext context) throws IOException {
        int next = 0;
        while (next < rules.size()) {
            Rule rule = rules.get(next);
            AclCondition.Outcome outcome = rule.condition().test(context);
            if (outcome == AclCondition.Outcome.MISS && !isFinal()) {
                readMore();
                continue;
            }
            // A MISS on final data counts as a failed condition (HAProxy's acl_pass()).
            boolean applies = (outcome == AclCondition.Outcome.PASS) == rule.condition().appliesOnPass();
            next++;
            if (!applies) {
                continue;
            }
            Verdict verdict = rule.action().apply(context);
            if (!(verdict instanceof Verdict.Continue)) {
                if (rule.where() != null) {
                    context.lastRule(rule.where().file(), rule.where().line());
                }
                return verdict;
            }
        }
        return Verdict.CONTINUE;
    }

    /** Waits for more bytes until the deadline; a timeout, the end of the stream or a full buffer makes the data final. */
    private void readMore() throws IOException {
        long remainingMillis = (deadlineNanos - System.nanoTime() + 999_999) / 1_000_000;
        if (remainingMillis <= 0) {
            expired = true;
            return;
        }
        int previousTimeout = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.min(remainingMillis, Integer.MAX_VALUE));
        try {
            if (input.fill() < 0) {
                ended = true;
            }
        } catch (SocketTimeoutException e) {
            expired = true;
        } finally {
            socket.setSoTimeout(previousTimeout);
        }
    }

    @Override
    public int length() {
        return input.buffered();
    }

    @Override
    public int byteAt(int index) {
        return input.array()[input.start() + index] & 0xff;
    }

    @Override
    public byte[] copy(int offset, int length) {
        int from = input.start() + offset;
        return length == 0 ? new byte[0] : Arrays.copyOfRange(input.array(), from, from + length);
    }

    @Override
    public boolean isFinal() {
        return !waits || expired || ended || input.isExhausted() || input.buffered() >= input.capacity();
    }
}
