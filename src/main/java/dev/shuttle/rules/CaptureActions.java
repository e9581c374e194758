package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.Captures;
import dev.shuttle.sample.Casts;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.sample.SampleType;
import java.util.List;

/**
 * {@code http-request capture <sample> len <n> | id <n>} and {@code http-response capture <sample>
 * id <n>} (configuration.txt §4.3): the sample, as a string cut to the slot's length, goes into a
 * capture slot of the stream's frontend. {@code len} declares a new request slot; {@code id}
 * fills one declared elsewhere ({@code declare capture}, another rule), and is ignored at run
 * time when the frontend has no such slot (a backend's rule may serve several frontends).
 */
final class CaptureActions {
    private CaptureActions() {}

    static void register(ActionRegistry registry) {
        registry.register(RuleKind.HTTP_REQUEST, "capture", (words, compiler) -> capture(words, compiler, true));
        registry.register(RuleKind.HTTP_RESPONSE, "capture", (words, compiler) -> capture(words, compiler, false));
    }

    private static Action capture(List<String> words, RuleCompiler compiler, boolean request) throws ConfigException {
        String side = request ? "http-request" : "http-response";
        boolean byLength = words.size() == 4 && words.get(2).equals("len");
        boolean byId = words.size() == 4 && words.get(2).equals("id");
        if (!(byId || (request && byLength))) {
            throw new ConfigException("'" + side + " capture' expects <expression> " + (request ? "[ 'len' <length> | 'id' <idx> ]"
                    : "'id' <idx>") + ".");
        }
        int number = number(words.get(3), side + " capture");
        SampleExpression expression = compiler.expression(words.get(1));
        int slot;
        if (byLength) {
            if (!compiler.hasFrontendCapability()) {
                throw new ConfigException("'http-request capture' : 'len' needs a proxy with a frontend side ("
                        + compiler.proxyDescription() + " has none); use 'id' with a slot declared in the frontend.");
            }
            slot = compiler.captures().declare(true, null, number);
        } else {
            slot = number;
            compiler.captures().reference(request, slot, side);
        }
        return context -> {
            store(context, request, slot, expression);
            return Verdict.CONTINUE;
        };
    }

    private static void store(SampleContext context, boolean request, int slot, SampleExpression expression) {
        List<Captures.Slot> slots = context.frontend().captures().of(request);
        List<String> values = request ? context.requestCaptures() : context.responseCaptures();
        if (slot >= slots.size() || slot >= values.size()) {
            return;
        }
        expression.evaluate(context).flatMap(sample -> Casts.cast(sample, SampleType.STR))
                .ifPresent(sample -> values.set(slot, slots.get(slot).truncate(sample.asString())));
    }

    private static int number(String text, String keyword) throws ConfigException {
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException("'" + keyword + "' : invalid number '" + text + "'.");
        }
    }
}
