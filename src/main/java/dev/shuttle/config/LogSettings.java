package dev.shuttle.config;

import dev.shuttle.sample.LogFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a frontend logs its traffic (configuration.txt §8.2 and §8.3), compiled from its own lines
 * and those it inherited from {@code defaults}.
 *
 * @param format          the line of each stream: {@code log-format}, or the format of {@code option
 *                        httplog}/{@code httpslog}/{@code tcplog} (§8.2.2-8.2.4); empty: HAProxy's
 *                        short "Connect from" line at accept (§8.2.1)
 * @param structuredData  {@code log-format-sd}: the RFC 5424 structured data of each line
 * @param errorFormat     {@code error-log-format}: the line of a connection that failed before any
 *                        stream (§8.2.5); empty: the default one
 * @param uniqueIdFormat  {@code unique-id-format}: the stream's unique ID ({@code %ID}, {@code unique-id})
 * @param uniqueIdHeader  {@code unique-id-header}: the request header that carries it to the server
 * @param tag             {@code log-tag}: the syslog tag of the proxy's lines; empty: the process's
 * @param dontLogNormal   {@code option dontlog-normal}: only streams that ended badly are logged (§8.3.4)
 * @param separateErrors  {@code option log-separate-errors}: lines of bad streams go at {@code err} level (§8.3.3)
 * @param logAsap         {@code option logasap}: the line leaves once the response head was sent (§8.3.2)
 * @param cookieCapture   {@code capture cookie}: the cookies {@code %CC} and {@code %CS} print
 * @param steps           {@code log-steps}: the steps a stream is logged at; empty: once, at its end
 *                        (or with the response head, {@code logasap})
 * @param profiles        the configuration's {@code log-profile} sections by name, for the rules
 *                        {@code do-log profile <name>} (which use that profile on every target)
 */
public record LogSettings(Optional<LogFormat> format, Optional<LogFormat> structuredData,
                          Optional<LogFormat> errorFormat, Optional<LogFormat> uniqueIdFormat,
                          Optional<String> uniqueIdHeader, Optional<String> tag, boolean dontLogNormal,
                          boolean separateErrors, boolean logAsap, Optional<CookieCapture> cookieCapture,
                          Set<LogStep> steps, Map<String, LogProfile> profiles) {
    public LogSettings {
        steps = Set.copyOf(steps);
        profiles = Map.copyOf(profiles);
    }

    /** Whether the stream is logged at {@code step}: a listed one, or the end when nothing is listed. */
    public boolean logsAt(LogStep step) {
        return steps.isEmpty() ? step == LogStep.CLOSE : steps.contains(step);
    }

    /** No custom logging: no line format, no unique ID. */
    public static final LogSettings NONE = new LogSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), false, false, false, Optional.empty(), Set.of(), Map.of());
}
