package dev.shuttle.sample;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fetches of configuration.txt §7.3.2, "Fetching samples from internal states": constants
 * ({@code str}, {@code int}, {@code bool}, {@code ipv4}, {@code ipv6}, {@code bin}, {@code meth},
 * {@code always_true}), the clock and randomness ({@code date}, {@code rand}, {@code uuid}),
 * variables ({@code var}), the environment ({@code env}) and the process ({@code pid},
 * {@code uptime}, {@code hostname}, {@code stopping}, thread counts). Each gives one value, in every
 * phase.
 */
public final class InternalFetches {
    private InternalFetches() {}

    private static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);

    public static void register(SampleRegistry registry) {
        constant(registry, "always_true", SampleType.BOOL, (args, context) -> Sample.bool(true));
        constant(registry, "always_false", SampleType.BOOL, (args, context) -> Sample.bool(false));
        fetch(registry, "str", List.of(ArgType.STR), 1, SampleType.STR, (args, context) -> Sample.str(args.str(0)));
        fetch(registry, "int", List.of(ArgType.SINT), 1, SampleType.SINT, (args, context) -> Sample.sint(args.sint(0)));
        fetch(registry, "bool", List.of(ArgType.STR), 1, SampleType.BOOL, (args, context) -> Sample.bool(args.get(0)),
                InternalFetches::checkBoolean);
        fetch(registry, "ipv4", List.of(ArgType.IPV4), 1, SampleType.IPV4, (args, context) -> Sample.address(args.get(0)));
        fetch(registry, "ipv6", List.of(ArgType.IPV6), 1, SampleType.IPV6, (args, context) -> Sample.address(args.get(0)));
        fetch(registry, "bin", List.of(ArgType.STR), 1, SampleType.BIN, (args, context) -> Sample.bin(args.get(0)),
                InternalFetches::checkHex);
        fetch(registry, "meth", List.of(ArgType.STR), 1, SampleType.METH, (args, context) -> Sample.method(args.str(0)),
                InternalFetches::checkMethod);
        fetch(registry, "env", List.of(ArgType.STR), 1, SampleType.STR,
                (args, context) -> context.process().environmentVariable(args.str(0)).map(Sample::str).orElse(null));
        fetch(registry, "date", List.of(ArgType.SINT, ArgType.STR), 0, SampleType.SINT, InternalFetches::date,
                InternalFetches::checkDateUnit);
        constant(registry, "date_us", SampleType.SINT,
                (args, context) -> Sample.sint(context.process().clock().instant().getNano() / 1000));
        fetch(registry, "rand", List.of(ArgType.SINT), 0, SampleType.SINT, InternalFetches::random);
        fetch(registry, "uuid", List.of(ArgType.SINT), 0, SampleType.STR, InternalFetches::uuid,
                InternalFetches::checkUuidVersion);
        fetch(registry, "var", List.of(ArgType.VAR, ArgType.STR), 1, SampleType.STR, InternalFetches::variable);
        constant(registry, "hostname", SampleType.STR, (args, context) -> Sample.str(context.process().hostname()));
        constant(registry, "pid", SampleType.SINT, (args, context) -> Sample.sint(context.process().pid()));
        constant(registry, "uptime", SampleType.SINT, (args, context) -> Sample.sint(context.process().uptimeSeconds()));
        constant(registry, "stopping", SampleType.BOOL, (args, context) -> Sample.bool(context.process().isStopping()));
        constant(registry, "nbthread", SampleType.SINT, (args, context) -> Sample.sint(context.process().threadCount()));
        // One virtual thread per connection has no fixed thread number: every stream reports thread 0.
        constant(registry, "thread", SampleType.SINT, (args, context) -> Sample.sint(0));
        constant(registry, "nbproc", SampleType.SINT, (args, context) -> Sample.sint(1));
        constant(registry, "proc", SampleType.SINT, (args, context) -> Sample.sint(1));
        constant(registry, "quic_enabled", SampleType.BOOL, (args, context) -> Sample.bool(false));
        fetch(registry, "acl", java.util.Collections.nCopies(12, ArgType.ACL), 1, SampleType.BOOL,
                InternalFetches::acls);
    }

    /** {@code acl([!]<name>[,...])}: true when every named ACL (up to 12, each possibly negated) holds. */
    private static Sample acls(Arguments args, SampleContext context) {
        for (int i = 0; i < args.count(); i++) {
            if (args.has(i) && !args.<AclLookup.Reference>get(i).holds(context)) {
                return Sample.bool(false);
            }
        }
        return Sample.bool(true);
    }

    /** One value computed from the arguments and the context; null for none. */
    @FunctionalInterface
    private interface SingleValue {
        Sample value(Arguments arguments, SampleContext context);
    }

    private static void constant(SampleRegistry registry, String name, SampleType type, SingleValue value) {
        fetch(registry, name, List.of(), 0, type, value);
    }

    private static void fetch(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                              SampleType type, SingleValue value) {
        fetch(registry, name, argTypes, required, type, value, Arguments.Checker.NONE);
    }

    private static void fetch(SampleRegistry registry, String name, List<ArgType> argTypes, int required,
                              SampleType type, SingleValue value, Arguments.Checker checker) {
        registry.registerFetch(new FetchDefinition(name, argTypes, required, type, ANYWHERE, (args, context, all) -> {
            Sample sample = value.value(args, context);
            return sample == null ? List.of() : List.of(sample);
        }, checker));
    }

    private static Arguments checkBoolean(Arguments args) throws SampleCompileException {
        return switch (args.str(0)) {
            case "true", "1" -> args.with(0, true);
            case "false", "0" -> args.with(0, false);
            default -> throw new SampleCompileException("Expects 'true', 'false', '0' or '1'");
        };
    }

    private static Arguments checkHex(Arguments args) throws SampleCompileException {
        String hex = args.str(0);
        if (hex.length() % 2 != 0) {
            throw new SampleCompileException("an even number of hex digit is expected");
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new SampleCompileException("an hex digit is expected (found '" + hex.charAt(i) + "')");
            }
        }
        return args.with(0, HexFormat.of().parseHex(hex));
    }

    /** A method is an HTTP token (RFC 9110 §9.1, §5.6.2). */
    private static Arguments checkMethod(Arguments args) throws SampleCompileException {
        String method = args.str(0);
        boolean token = !method.isEmpty() && method.chars().allMatch(
                c -> c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
        if (!token) {
            throw new SampleCompileException("expects valid method.");
        }
        return args;
    }

    /** {@code date([offset],[unit])}: the unit is stored as a divisor of microseconds. */
    private static Arguments checkDateUnit(Arguments args) throws SampleCompileException {
        if (!args.has(1)) {
            return args.with(1, 1_000_000L);
        }
        return switch (args.str(1)) {
            case "s" -> args.with(1, 1_000_000L);
            case "ms" -> args.with(1, 1_000L);
            case "us" -> args.with(1, 1L);
            default -> throw new SampleCompileException("expects 's', 'ms' or 'us', got '" + args.str(1) + "'");
        };
    }

    private static Sample date(Arguments args, SampleContext context) {
        Instant now = context.process().clock().instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        long offset = args.has(0) ? args.sint(0) : 0;
        return Sample.sint(micros / (Long) args.get(1) + offset);
    }

    /** A value in [0, range), range 2^32 by default: a 32-bit random number scaled to the range. */
    private static Sample random(Arguments args, SampleContext context) {
        long random32 = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
        if (!args.has(0)) {
            return Sample.sint(random32);
        }
        return Sample.sint(Math.unsignedMultiplyHigh(random32 << 32, args.sint(0)));
    }

    private static Arguments checkUuidVersion(Arguments args) throws SampleCompileException {
        long version = args.has(0) ? args.sint(0) : 4;
        if (version != 4 && version != 7) {
            throw new SampleCompileException("Unsupported UUID version: '" + version + "'");
        }
        return args.with(0, version);
    }

    /** RFC 9562: version 4 is random; version 7 starts with the Unix time in milliseconds. */
    private static Sample uuid(Arguments args, SampleContext context) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        if (args.sint(0) == 7) {
            high = context.process().clock().millis() << 16 | (high & 0xFFFL) | 0x7000L;
        } else {
            high = (high & ~0xF000L) | 0x4000L;
        }
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return Sample.str(new UUID(high, low).toString());
    }

    /** {@code var(name[,default])}: the variable's value as stored, else the default as a string, else nothing. */
    private static Sample variable(Arguments args, SampleContext context) {
        VariableName name = args.variable(0);
        Sample value = context.variables(name.scope()).flatMap(store -> store.get(name.name())).orElse(null);
        if (value == null && args.has(1)) {
            return Sample.str(args.str(1));
        }
        return value;
    }
}
