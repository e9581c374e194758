package dev.shuttle.sample;

/**
 * The list of fetch and converter families. Each family is one class with a
 * {@code static void register(SampleRegistry)}; add a line here when adding a family. The map
 * converters, which need the pattern engine, are added above this package
 * ({@code pattern.StandardRegistry}).
 */
final class StandardSamples {
    private StandardSamples() {}

    static void registerAll(SampleRegistry registry) {
        // Families register here, e.g. InternalFetches.register(registry);
        InternalFetches.register(registry);
        Layer4Fetches.register(registry);
        PayloadFetches.register(registry);
        DistccFetches.register(registry);
        StreamStateFetches.register(registry);
        MultiplexerFetches.register(registry);
        ServerStreamFetches.register(registry);
        StreamLogFetches.register(registry);
        DebugFetches.register(registry);
        HttpRequestFetches.register(registry);
        HttpResponseFetches.register(registry);
        StringConverters.register(registry);
        EncodingConverters.register(registry);
        BinaryConverters.register(registry);
        ArithmeticConverters.register(registry);
        HashConverters.register(registry);
        VariableConverters.register(registry);
        TimeConverters.register(registry);
        IpConverters.register(registry);
        LanguageConverters.register(registry);
        JsonConverters.register(registry);
        SslFetches.register(registry);
        ProxyFetches.register(registry);
        CryptoConverters.register(registry);
        ByteConverters.register(registry);
        HostConverters.register(registry);
        ProxyConverters.register(registry);
        FixConverters.register(registry);
        ProtobufConverters.register(registry);
        JwtVerify.register(registry);
        StreamConverters.register(registry);
        Rfc7239Converters.register(registry);
    }
}
