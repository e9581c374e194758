package dev.shuttle.sample;

import java.util.List;
import java.util.Optional;

/**
 * The converters that read and build RFC 7239 {@code Forwarded} header values (configuration.txt
 * §7.3.1): {@code rfc7239_is_valid}, {@code rfc7239_field(<field>)}, {@code rfc7239_n2nn} and
 * {@code rfc7239_n2np} (a node's name and port as typed values), {@code rfc7239_nn} and {@code
 * rfc7239_np} (a value written as a node's name or port). The reading is HAProxy 3.5's
 * ({@link ForwardedParameters}); answers on odd input were checked against HAProxy 3.5-dev5.
 */
public final class Rfc7239Converters {
    private Rfc7239Converters() {}

    public static void register(SampleRegistry registry) {
        registry.registerConverter(new ConverterDefinition("rfc7239_is_valid", List.of(), 0, SampleType.STR,
                SampleType.BOOL, (in, a, c) -> Optional.of(Sample.bool(ForwardedParameters.parse(in.asString())
                        .filter(Rfc7239Converters::hasParameter).isPresent()))));
        registry.registerConverter(new ConverterDefinition("rfc7239_field", List.of(ArgType.STR), 1, SampleType.STR,
                SampleType.STR, (in, a, c) -> ForwardedParameters.parse(in.asString())
                        .map(element -> field(element, a.str(0))).map(Sample::str)));
        registry.registerConverter(new ConverterDefinition("rfc7239_n2nn", List.of(), 0, SampleType.STR,
                SampleType.STR, (in, a, c) -> ForwardedParameters.node(in.asString(), true)
                        .flatMap(Rfc7239Converters::nodeName)));
        registry.registerConverter(new ConverterDefinition("rfc7239_n2np", List.of(), 0, SampleType.STR,
                SampleType.STR, (in, a, c) -> ForwardedParameters.node(in.asString(), true)
                        .flatMap(Rfc7239Converters::nodePort)));
        registry.registerConverter(ConverterDefinition.takingAny("rfc7239_nn", List.of(), 0, SampleType.STR,
                (in, a, c) -> writtenNodeName(in), Arguments.Checker.NONE));
        registry.registerConverter(ConverterDefinition.takingAny("rfc7239_np", List.of(), 0, SampleType.STR,
                (in, a, c) -> writtenNodePort(in), Arguments.Checker.NONE));
    }

    /** An empty header is "valid" for no parameter: HAProxy answers false for it. */
    private static boolean hasParameter(ForwardedParameters.Element element) {
        return element.proto() != null || element.host() != null || element.forNode() != null
                || element.byNode() != null;
    }

    /** The raw value of {@code proto}, {@code host}, {@code for} or {@code by} (unquoted); null when absent. */
    private static String field(ForwardedParameters.Element element, String name) {
        return switch (name) {
            case "proto" -> element.proto();
            case "host" -> element.host();
            case "for" -> element.forNode();
            case "by" -> element.byNode();
            default -> null;
        };
    }

    /** An address for an IP name, "unknown", or "_" and the obfuscated name. */
    private static Optional<Sample> nodeName(ForwardedParameters.Node node) {
        return Optional.of(switch (node.kind()) {
            case IP -> Sample.addressOf(node.address());
            case UNKNOWN -> Sample.str("unknown");
            case OBFUSCATED -> Sample.str("_" + node.obfuscatedName());
        });
    }

    /** The port as an integer, or "_" and the obfuscated port; nothing when the node has no port. */
    private static Optional<Sample> nodePort(ForwardedParameters.Node node) {
        if (node.obfuscatedPort() != null) {
            return Optional.of(Sample.str("_" + node.obfuscatedPort()));
        }
        return node.port() < 0 ? Optional.empty() : Optional.of(Sample.sint(node.port()));
    }

    /** An IPv4 address as it is, an IPv6 one in brackets, text as an obfuscated name ("unknown" when empty). */
    private static Optional<Sample> writtenNodeName(Sample input) {
        return switch (input.type()) {
            case IPV4 -> Optional.of(Sample.str(Casts.ipv4Text(input.asAddress().getAddress())));
            case IPV6 -> Optional.of(Sample.str("[" + Casts.ipv6Text(input.asAddress().getAddress()) + "]"));
            default -> Casts.cast(input, SampleType.STR).map(Sample::asString)
                    .flatMap(text -> text.isEmpty() ? Optional.of("unknown") : obfuscated(text)).map(Sample::str);
        };
    }

    /** An integer as an unsigned 32-bit number, text as an obfuscated port (never empty). */
    private static Optional<Sample> writtenNodePort(Sample input) {
        if (input.type() == SampleType.SINT) {
            return Optional.of(Sample.str(Long.toString(input.asLong() & 0xFFFFFFFFL)));
        }
        return Casts.cast(input, SampleType.STR).map(Sample::asString).flatMap(Rfc7239Converters::obfuscated)
                .map(Sample::str);
    }

    /** "_" and {@code text} when it is made of obfuscated-identifier characters only (RFC 7239 §6.3). */
    private static Optional<String> obfuscated(String text) {
        return !text.isEmpty() && ForwardedParameters.obfuscatedLength(text, 0) == text.length()
                ? Optional.of("_" + text) : Optional.empty();
    }
}
