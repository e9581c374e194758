package dev.shuttle.rules;

/**
 * {@code http-request use-service <service>} (configuration.txt §4.3): the request is answered by a
 * service of the proxy instead of a server. Shuttle has one, {@code prometheus-exporter}
 * (addons/promex/README); any other name is refused as HAProxy refuses an unknown service.
 */
final class ServiceActions {
    /** The services Shuttle answers. */
    static final String PROMETHEUS_EXPORTER = "prometheus-exporter";

    private ServiceActions() {}

    static void register(ActionRegistry registry) {
        registry.register(RuleKind.HTTP_REQUEST, "use-service", (words, compiler) -> {
            if (words.size() < 2) {
                throw new RuleArgumentException("expects a service name");
            }
            String service = words.get(1);
            if (!service.equals(PROMETHEUS_EXPORTER)) {
                throw new RuleArgumentException("'" + service + "' unknown service name.");
            }
            if (words.size() > 2) {
                throw new RuleArgumentException("unexpected argument '" + words.get(2) + "'");
            }
            Verdict serve = new Verdict.Serve(service);
            return context -> serve;
        });
    }
}
