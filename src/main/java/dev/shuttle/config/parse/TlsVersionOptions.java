package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsVersion;
import java.util.Optional;

/**
 * The protocol version switches shared by listeners, servers and the {@code ssl-default-*-options}:
 * {@code no-sslv3}, {@code no-tlsv10}...{@code no-tlsv13}, {@code force-sslv3}...{@code
 * force-tlsv13}, {@code ssl-min-ver}, {@code ssl-max-ver} (configuration.txt §5.1).
 */
final class TlsVersionOptions {
    private TlsVersionOptions() {}

    /** Applies a {@code no-*} or {@code force-*} switch; false when {@code option} is neither. */
    static boolean apply(String option, TlsOptions.Builder builder) {
        for (TlsVersion version : TlsVersion.values()) {
            if (option.equals("no-" + version.keywordSuffix())) {
                builder.disabled.add(version);
                return true;
            }
            if (option.equals("force-" + version.keywordSuffix())) {
                builder.forcedVersion = Optional.of(version);
                return true;
            }
        }
        return false;
    }

    /** {@code ssl-min-ver <version>} or {@code ssl-max-ver <version>}. */
    static void minMax(String option, String value, TlsOptions.Builder builder) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException("'" + option + "' : missing the ssl/tls version");
        }
        TlsVersion version = TlsVersion.named(value)
                .orElseThrow(() -> new ConfigException("'" + value + "' : unknown ssl/tls version"));
        if (option.equals("ssl-min-ver")) {
            builder.minVersion = Optional.of(version);
        } else {
            builder.maxVersion = Optional.of(version);
        }
    }
}
