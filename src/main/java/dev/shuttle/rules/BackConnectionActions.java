package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.SampleType;
import java.util.List;

/**
 * {@code set-bc-tos} and {@code set-bc-mark} (configuration.txt §4.3): what the server connection
 * of the stream is set up with, from its connect to its close; both are part of the connection's
 * pool key (seed 000), so a connection is reused only by a request that asks the same.
 *
 * <p>{@code set-bc-tos} is applied with {@code IP_TOS}. {@code set-bc-mark} is refused at load: the
 * netfilter mark is {@code SO_MARK}, which needs {@code CAP_NET_ADMIN} and which neither the JDK nor
 * junixsocket can set on a TCP socket.
 */
final class BackConnectionActions {
    private static final RuleKind[] KINDS = {RuleKind.HTTP_REQUEST, RuleKind.TCP_REQUEST_CONTENT};

    private BackConnectionActions() {}

    static void register(ActionRegistry registry) {
        registry.register("set-bc-tos", BackConnectionActions::setTos, KINDS);
        registry.register("set-bc-mark", (words, compiler) -> {
            throw new ConfigException("'set-bc-mark' is not supported by Shuttle: the mark is the socket option "
                    + "SO_MARK, which needs CAP_NET_ADMIN and which the JDK cannot set.");
        }, KINDS);
    }

    /**
     * {@code set-bc-tos <tos>|<expr>}: a number (decimal, or hexadecimal with {@code 0x}) or an
     * expression of integer type; the whole TOS byte is set (its low 8 bits).
     */
    private static Action setTos(List<String> words, RuleCompiler compiler) throws ConfigException {
        Words.expectCount(words, 1, "exactly 1 argument (a TOS value or a sample expression)");
        String word = words.get(1);
        Integer constant = number(word);
        if (constant != null) {
            int tos = constant;
            return context -> {
                context.settings().backTos(tos);
                return Verdict.CONTINUE;
            };
        }
        SampleExpression expression = compiler.expression(word);
        return context -> {
            expression.evaluate(context).flatMap(sample -> Casts.cast(sample, SampleType.SINT))
                    .ifPresent(sample -> context.settings().backTos((int) sample.asLong()));
            return Verdict.CONTINUE;
        };
    }

    private static Integer number(String word) {
        try {
            return word.startsWith("0x") || word.startsWith("0X") ? Integer.parseUnsignedInt(word.substring(2), 16)
                    : Integer.parseUnsignedInt(word);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
