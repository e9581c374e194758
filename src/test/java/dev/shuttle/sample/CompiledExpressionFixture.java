package dev.shuttle.sample;

import dev.shuttle.backend.Backend;
import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.HttpSettings;
import dev.shuttle.config.ProxyConfig;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.Timeouts;
import dev.shuttle.http.ErrorResponses;
import dev.shuttle.lang.SourceLocation;
import dev.shuttle.listener.Frontend;
import dev.shuttle.net.Address;
import dev.shuttle.rules.ProxyRules;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-built proxies, process and stream context for the sample tests, and a registry holding the
 * internal and layer 4 fetches with a few stand-in converters (the real converters are tested by
 * their own families).
 */
final class CompiledExpressionFixture {
    private CompiledExpressionFixture() {}

    /** 2026-01-02T03:04:05.678901Z. */
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678901Z");

    static ProxyConfig proxy(String name, ProxyKind kind, int id, List<ServerConfig> servers) {
        return new ProxyConfig(name, kind, new SourceLocation("test.cfg", 1), id, ProxyMode.HTTP, "", false, 0,
                List.of(), Optional.empty(), BalanceAlgorithm.ROUNDROBIN, servers, 3, Timeouts.none(),
                List.of(), Map.of(), HttpSettings.defaults(), ErrorResponses.BUILTIN, ProxyRules.NONE);
    }

    static ServerConfig server(String name, int id, int weight, boolean disabled) {
        return new ServerConfig(new SourceLocation("test.cfg", 2), name,
                new Address.Inet("127.0.0.1", 8080, Address.Family.ANY), id, weight, 0, disabled, false);
    }

    /** Frontend "fe" (id 3), backends "app" (id 5: s1 id 1, s2 id 2 disabled, s3 id 7) and "other" (id 6: one server). */
    static final class World {
        final ProxyConfig frontendConfig = proxy("fe", ProxyKind.FRONTEND, 3, List.of());
        final Backend app = new Backend(proxy("app", ProxyKind.BACKEND, 5,
                List.of(server("s1", 1, 1, false), server("s2", 2, 1, true), server("s3", 7, 1, false))));
        final Backend other = new Backend(proxy("other", ProxyKind.BACKEND, 6, List.of(server("o1", 1, 1, false))));
        final Frontend frontend = new Frontend(frontendConfig);
        final Map<String, String> environment = Map.of("FOO", "bar");
        final ProcessInfo process = new ProcessInfo(4242, NOW.toEpochMilli() - 90_500, 8, "proxy-host",
                new ProcessInfo.Proxies() {
                    @Override
                    public Optional<Backend> backend(String name) {
                        return Optional.ofNullable(Map.of("app", app, "other", other).get(name));
                    }

                    @Override
                    public Optional<Frontend> frontend(String name) {
                        return name.equals("fe") ? Optional.of(frontend) : Optional.empty();
                    }
                }, environment::get, Clock.fixed(NOW, ZoneOffset.UTC));
        final VariableStore processVariables = VariableStore.shared();

        SampleContext context() {
            SampleContext context = new SampleContext(frontendConfig, new InetSocketAddress("192.0.2.7", 40000),
                    new InetSocketAddress("198.51.100.1", 443), "public", processVariables);
            context.process(process);
            return context;
        }
    }

    /** The internal and layer 4 fetches, a multi-valued fetch, and stand-in converters of each input kind. */
    static SampleRegistry registry() {
        SampleRegistry registry = new SampleRegistry();
        InternalFetches.register(registry);
        Layer4Fetches.register(registry);
        // "words(s)": every space-separated word of s; the last one alone in single-value mode.
        registry.registerFetch(new FetchDefinition("words", List.of(ArgType.STR), 1, SampleType.STR,
                java.util.EnumSet.of(Phase.HTTP_REQUEST), (args, context, all) -> {
                    List<Sample> words = java.util.Arrays.stream(args.str(0).split(" ")).map(Sample::str).toList();
                    return all ? words : List.of(words.get(words.size() - 1));
                }));
        registry.registerConverter(new ConverterDefinition("lower", List.of(), 0, SampleType.STR, SampleType.STR,
                (input, args, context) -> Optional.of(Sample.str(input.asString().toLowerCase(java.util.Locale.ROOT)))));
        registry.registerConverter(new ConverterDefinition("add", List.of(ArgType.SINT), 1, SampleType.SINT,
                SampleType.SINT, (input, args, context) -> Optional.of(Sample.sint(input.asLong() + args.sint(0)))));
        registry.registerConverter(new ConverterDefinition("hex", List.of(), 0, SampleType.BIN, SampleType.STR,
                (input, args, context) -> Optional.of(Sample.str(java.util.HexFormat.of().withUpperCase()
                        .formatHex(input.asBytes())))));
        registry.registerConverter(new ConverterDefinition("field", List.of(ArgType.SINT, ArgType.STR, ArgType.SINT),
                2, SampleType.STR, SampleType.STR, (input, args, context) -> {
                    String[] fields = input.asString().split(java.util.regex.Pattern.quote(args.str(1)), -1);
                    int index = (int) args.sint(0) - 1;
                    return index < fields.length ? Optional.of(Sample.str(fields[index])) : Optional.empty();
                }, args -> {
                    if (args.str(1).isEmpty()) {
                        throw new SampleCompileException("Empty separators list");
                    }
                    return args;
                }));
        registry.registerConverter(new ConverterDefinition("regsub", List.of(ArgType.REG, ArgType.STR), 2,
                SampleType.STR, SampleType.STR, (input, args, context) -> Optional.of(
                        Sample.str(args.regex(0).matcher(input.asString()).replaceAll(args.str(1))))));
        registry.registerConverter(ConverterDefinition.takingAddress("ipmask", List.of(ArgType.MSK4), 1,
                SampleType.IPV4, (input, args, context) -> input.type() == SampleType.IPV4
                        ? Optional.of(Sample.addressOf(mask(input.asAddress().getAddress(), args.get(0))))
                        : Optional.empty(), Arguments.Checker.NONE));
        registry.registerConverter(ConverterDefinition.takingAny("debug", List.of(), 0, null,
                (input, args, context) -> Optional.of(input), Arguments.Checker.NONE));
        registry.registerConverter(new ConverterDefinition("map", List.of(ArgType.MAP), 1, SampleType.STR,
                SampleType.STR, (input, args, context) -> Optional.ofNullable(
                        ((Map<?, ?>) args.get(0)).get(input.asString())).map(v -> Sample.str((String) v))));
        registry.registerConverter(new ConverterDefinition("get", List.of(ArgType.VAR), 1, SampleType.STR,
                SampleType.STR, (input, args, context) -> Optional.of(Sample.str(args.variable(0).toString()))));
        registry.registerConverter(new ConverterDefinition("delay", List.of(ArgType.TIME, ArgType.SIZE), 1,
                SampleType.STR, SampleType.SINT, (input, args, context) -> Optional.of(Sample.sint(args.sint(0)))));
        return registry;
    }

    private static byte[] mask(byte[] address, byte[] mask) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            masked[i] &= mask[i];
        }
        return masked;
    }
}
