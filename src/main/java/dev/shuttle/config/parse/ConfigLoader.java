package dev.shuttle.config.parse;

import dev.shuttle.config.Configuration;
import dev.shuttle.net.Hostname;
import dev.shuttle.tls.VerifyMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Loads a configuration from the {@code -f} arguments: the entry point of the {@code config} package.
 *
 * <p>Sets HAProxy's predefined variables first (configuration.txt §2.3), reads every file, then
 * resolves cross-references. The result is empty when any alert was raised; every message has
 * already been printed by then.
 */
public final class ConfigLoader {
    /** The log formats HAProxy predefines as variables, so that {@code log-format "${HAPROXY_HTTP_LOG_FMT}"} works. */
    static final String TCP_LOG_FORMAT = "%ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq";
    static final String HTTP_LOG_FORMAT = "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc "
            + "%ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r";
    static final String HTTPS_LOG_FORMAT = HTTP_LOG_FORMAT + " %[fc_conn_err]/%[ssl_fc_err,hex]/%[ssl_c_err]/"
            + "%[ssl_c_ca_err]/%[ssl_fc_is_resumed] %[ssl_fc_sni]/%sslv/%sslc";

    private final KeywordRegistry registry;
    private boolean serverVerifyNone;

    public ConfigLoader(KeywordRegistry registry) {
        this.registry = registry;
    }

    /**
     * {@code -dV}: servers without {@code verify} start from {@code none} instead of
     * {@code required}, as if the global section began with {@code ssl-server-verify none}.
     */
    public ConfigLoader serverVerifyNone(boolean none) {
        this.serverVerifyNone = none;
        return this;
    }

    public Optional<Configuration> load(List<Path> arguments, Variables variables, Diagnostics diagnostics) {
        definePredefinedVariables(arguments, variables);
        LoadState state = new LoadState(variables, diagnostics);
        if (serverVerifyNone) {
            state.global.tls.serverVerify = VerifyMode.NONE;
        }
        ConfigReader reader = new ConfigReader(registry, state);
        arguments.forEach(reader::read);
        if (diagnostics.hasAlerts()) {
            return Optional.empty();
        }
        Configuration configuration = new ConfigResolver(state).resolve();
        return diagnostics.hasAlerts() ? Optional.empty() : Optional.of(configuration);
    }

    private static void definePredefinedVariables(List<Path> arguments, Variables variables) {
        variables.set("HAPROXY_CFGFILES", String.join(";", ConfigReader.listFiles(arguments)));
        variables.set("HAPROXY_TCP_LOG_FMT", TCP_LOG_FORMAT);
        variables.set("HAPROXY_HTTP_LOG_FMT", HTTP_LOG_FORMAT);
        variables.set("HAPROXY_HTTPS_LOG_FMT", HTTPS_LOG_FORMAT);
        if (!variables.isDefined("HAPROXY_LOCALPEER")) {
            variables.set("HAPROXY_LOCALPEER", Hostname.get());
        }
    }
}
