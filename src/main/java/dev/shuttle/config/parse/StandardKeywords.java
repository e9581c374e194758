package dev.shuttle.config.parse;

/**
 * Registers every keyword Shuttle implements. Each family lives in its own class; a later
 * feature adds its family here.
 */
final class StandardKeywords {
    private StandardKeywords() {}

    static void registerAll(KeywordRegistry registry) {
        GlobalKeywords.register(registry);
        ProcessVariables.register(registry);
        ProxyKeywords.register(registry);
        BalanceKeywords.register(registry);
        TimeoutKeyword.register(registry);
        BindKeyword.register(registry);
        ServerKeyword.register(registry);
        SourceKeyword.register(registry);
        LogKeyword.register(registry);
        LogFormatKeywords.register(registry);
        StatsKeyword.register(registry);
        StatsPageKeywords.register(registry);
        HttpOptionKeywords.register(registry);
        RuleKeywords.register(registry);
        ErrorKeywords.register(registry);
        AclKeyword.register(registry);
        StreamKeywords.register(registry);
        PersistenceKeywords.register(registry);
        HealthCheckKeywords.register(registry);
        ServerStateKeywords.register(registry);
        TlsGlobalKeywords.register(registry);
    }
}
