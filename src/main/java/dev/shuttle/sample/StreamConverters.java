package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * The converters that look at or write into the stream rather than their input (configuration.txt
 * §7.3.1): {@code capture-req(<id>)} and {@code capture-res(<id>)} put their input, cut to the
 * slot's length, in the frontend's capture slot {@code <id>} and pass it on (nothing when there is
 * no such slot, as HAProxy 3.5's code does); {@code when(<condition>[,<acl>])} passes its input on
 * only when the condition holds.
 *
 * <p>{@code when}'s conditions, optionally negated with '!': {@code error} (3.5's rule, that of
 * {@code dontlog-normal}: a redispatch, a termination cause other than none or local, retries,
 * or a status of 500 or more), {@code normal} (not error), {@code forwarded} (a server connection
 * was tried), {@code toapplet} (the stats page or a {@code use-service} answered), {@code
 * processed} (either), {@code stopping}, {@code acl,<name>}.
 */
public final class StreamConverters {
    private enum Condition { ERROR, NORMAL, FORWARDED, TO_APPLET, PROCESSED, STOPPING, ACL }

    private record When(Condition condition, boolean negated) {}

    private StreamConverters() {}

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("capture-req", List.of(ArgType.SINT), 1, SampleType.STR,
                SampleType.STR, (in, a, c) -> capture(in, (int) a.sint(0), true, c)));
        registry.registerConverter(new ConverterDefinition("capture-res", List.of(ArgType.SINT), 1, SampleType.STR,
                SampleType.STR, (in, a, c) -> capture(in, (int) a.sint(0), false, c)));
        registry.registerConverter(ConverterDefinition.takingAny("when", List.of(ArgType.STR, ArgType.ACL), 1, null,
                (in, a, c) -> holds(a.get(0), a, c) ? Optional.of(in) : Optional.empty(), StreamConverters::check));
    }

    private static Optional<Sample> capture(Sample input, int slot, boolean request, SampleContext context) {
        if (context.frontend() == null) {
            return Optional.empty();
        }
        List<Captures.Slot> slots = context.frontend().captures().of(request);
        List<String> values = request ? context.requestCaptures() : context.responseCaptures();
        if (slot < 0 || slot >= slots.size() || slot >= values.size()) {
            return Optional.empty();
        }
        values.set(slot, slots.get(slot).truncate(input.asString()));
        return Optional.of(input);
    }

    private static Arguments check(Arguments arguments) throws SampleCompileException {
        String keyword = arguments.str(0);
        boolean negated = keyword.startsWith("!");
        String name = negated ? keyword.substring(1) : keyword;
        Condition condition = switch (name) {
            case "error" -> Condition.ERROR;
            case "normal" -> Condition.NORMAL;
            case "forwarded" -> Condition.FORWARDED;
            case "stopping" -> Condition.STOPPING;
            case "acl" -> Condition.ACL;
            case "toapplet" -> Condition.TO_APPLET;
            case "processed" -> Condition.PROCESSED;
            default -> throw new SampleCompileException("expects a supported keyword among {error,forwarded,normal,"
                    + "processed,stopping,toapplet,acl} but got '" + name + "'");
        };
        if (condition == Condition.ACL && !arguments.has(1)) {
            throw new SampleCompileException("'acl' selector requires an extra argument with the ACL name");
        }
        return arguments.with(0, new When(condition, negated));
    }

    private static boolean holds(When when, Arguments arguments, SampleContext context) {
        boolean result = switch (when.condition()) {
            case STOPPING -> context.process() != null && context.process().isStopping();
            case ERROR -> isError(context);
            case NORMAL -> !isError(context);
            case FORWARDED -> context.backConnectionTried();
            case TO_APPLET -> context.isServedByApplet();
            case PROCESSED -> context.backConnectionTried() || context.isServedByApplet();
            case ACL -> arguments.<AclLookup.Reference>get(1).holds(context);
        };
        return result != when.negated();
    }

    /** 3.5's "error" (sample.c, when()): what {@code option dontlog-normal} keeps. */
    private static boolean isError(SampleContext context) {
        Optional<LogFacts> facts = context.logFacts();
        if (facts.isEmpty()) {
            return false;
        }
        char cause = facts.get().terminationState().charAt(0);
        int status = context.response().map(r -> r.status()).orElse(facts.get().status());
        return facts.get().redispatched() || cause != '-' && cause != 'L'
                || cause == '-' && facts.get().retries() > 0
                || context.receivedRequestLine().isPresent() && status >= 500;
    }
}
