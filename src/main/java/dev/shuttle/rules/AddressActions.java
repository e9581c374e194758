package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.SampleType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * {@code set-src}, {@code set-src-port}, {@code set-dst}, {@code set-dst-port} (configuration.txt
 * §4.3): the addresses the stream reports from then on ({@code src}, {@code dst} and their ports,
 * the log's client address, {@code X-Forwarded-For}); the connection's own ones ({@code fc_src}...)
 * do not change. An address keeps the other part's port, a port keeps the address (0.0.0.0 when
 * there was none). {@code set-dst} also takes a UNIX or abstract socket's name (see {@link #namesSocket}).
 */
final class AddressActions {
    private static final RuleKind[] KINDS = {RuleKind.HTTP_REQUEST, RuleKind.TCP_REQUEST_CONNECTION,
        RuleKind.TCP_REQUEST_SESSION, RuleKind.TCP_REQUEST_CONTENT};

    private AddressActions() {}

    static void register(ActionRegistry registry) {
        registry.register("set-src", (words, compiler) -> address(words, compiler, true), KINDS);
        registry.register("set-dst", (words, compiler) -> address(words, compiler, false), KINDS);
        registry.register("set-src-port", (words, compiler) -> port(words, compiler, true), KINDS);
        registry.register("set-dst-port", (words, compiler) -> port(words, compiler, false), KINDS);
    }

    private static Action address(List<String> words, RuleCompiler compiler, boolean source) throws ConfigException {
        Words.expectCount(words, 1, "exactly 1 argument (a sample expression)");
        SampleExpression expression = compiler.expression(words.get(1));
        return context -> {
            Optional<Sample> evaluated = expression.evaluate(context);
            if (!source && evaluated.isPresent() && namesSocket(evaluated.get())) {
                context.destinationSocket(evaluated.get().toText());
                return Verdict.CONTINUE;
            }
            Optional<Sample> address = evaluated.map(Casts::toAddress);
            if (address.isPresent() && address.get().type().isAddress()) {
                InetAddress ip = address.get().asAddress();
                int port = current(context, source).map(InetSocketAddress::getPort).orElse(0);
                update(context, source, new InetSocketAddress(ip, port));
            }
            return Verdict.CONTINUE;
        };
    }

    private static Action port(List<String> words, RuleCompiler compiler, boolean source) throws ConfigException {
        Words.expectCount(words, 1, "exactly 1 argument (a sample expression)");
        SampleExpression expression = compiler.expression(words.get(1));
        return context -> {
            Optional<Sample> port = expression.evaluate(context).flatMap(s -> Casts.cast(s, SampleType.SINT));
            if (port.isPresent()) {
                InetAddress ip = current(context, source).map(InetSocketAddress::getAddress)
                        .orElseGet(() -> new InetSocketAddress("0.0.0.0", 0).getAddress());
                update(context, source, new InetSocketAddress(ip, (int) (port.get().asLong() & 0xFFFF)));
            }
            return Verdict.CONTINUE;
        };
    }

    /**
     * Whether {@code set-dst} names a UNIX or abstract socket: a text starting with {@code unix@},
     * {@code abns@} or {@code abnsz@}. A Shuttle extension, for transparent servers
     * ({@code server ... 0.0.0.0}) to reach local sockets; HAProxy 3.5 takes only IP addresses
     * there (a text that is not one leaves the destination as it was).
     */
    private static boolean namesSocket(Sample sample) {
        if (sample.type() != SampleType.STR) {
            return false;
        }
        String text = sample.toText();
        return text.startsWith("unix@") || text.startsWith("abns@") || text.startsWith("abnsz@");
    }

    private static Optional<InetSocketAddress> current(SampleContext context, boolean source) {
        return source ? context.source() : context.destination();
    }

    private static void update(SampleContext context, boolean source, InetSocketAddress address) {
        if (source) {
            context.source(address);
        } else {
            context.destination(address);
        }
    }
}
