package dev.shuttle.config.parse;

import dev.shuttle.config.LogProfile;
import dev.shuttle.config.LogSettings;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a proxy's logging lines ({@link LogSection}) into its {@link LogSettings}, in the proxy
 * that uses them: a format inherited from {@code defaults} is compiled once per frontend, and its
 * errors name the line that wrote it, as HAProxy's do ({@code Parsing [file:line]: failed to parse
 * log-format : ...}). Only proxies that take traffic have log lines; a backend keeps nothing.
 */
final class LogSettingsResolver {
    private final LoadState state;
    private final Diagnostics diagnostics;
    private Map<String, LogProfile> profiles;

    LogSettingsResolver(LoadState state) {
        this.state = state;
        this.diagnostics = state.diagnostics();
    }

    LogSettings resolve(ProxySection proxy) {
        if (!proxy.kind().hasFrontendCapability()) {
            return LogSettings.NONE;
        }
        LogSection logging = proxy.logging;
        Optional<LogFormat> format = compile(proxy, logging.format, "log-format", LogFormat.Mode.LOG);
        if (format.isPresent() && proxy.mode() != ProxyMode.HTTP && "httplog".equals(logging.formatOption)) {
            // configuration.txt, "option httplog": in a TCP frontend, HAProxy logs the TCP line instead.
            diagnostics.emit(Diagnostics.Level.WARNING, "parsing [" + logging.format.where() + "] : 'option httplog' not "
                    + "usable with " + proxy.describe() + " (needs 'mode http'). Falling back to 'option tcplog'.");
            format = compile(proxy, new LogSection.Text(LogFormatKeywords.TCP_LOG_FORMAT, logging.format.where()),
                    "log-format", LogFormat.Mode.LOG);
        }
        return new LogSettings(format,
                compile(proxy, logging.structuredData, "log-format-sd", LogFormat.Mode.LOG),
                compile(proxy, logging.errorFormat, "error-log-format", LogFormat.Mode.LOG),
                compile(proxy, logging.uniqueIdFormat, "unique-id", LogFormat.Mode.UNIQUE_ID),
                Optional.ofNullable(logging.uniqueIdHeader), Optional.ofNullable(logging.tag),
                proxy.options.getOrDefault("dontlog-normal", false),
                proxy.options.getOrDefault("log-separate-errors", false),
                proxy.options.getOrDefault("logasap", false), Optional.ofNullable(logging.cookieCapture), logging.steps,
                profiles());
    }

    /** Every {@code log-profile} section, for {@code do-log profile <name>}; made once per configuration. */
    private Map<String, LogProfile> profiles() {
        if (profiles == null) {
            Map<String, LogProfile> frozen = new HashMap<>();
            state.logProfiles.forEach((name, section) -> frozen.put(name, section.freeze()));
            profiles = Map.copyOf(frozen);
        }
        return profiles;
    }

    private Optional<LogFormat> compile(ProxySection proxy, LogSection.Text text, String what, LogFormat.Mode mode) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LogFormat.compile(text.text(), expression -> {
                try {
                    return SampleCompiler.compile(expression, StandardRegistry.get(), proxy.acls(state).compileScope());
                } catch (SampleCompileException e) {
                    throw new ConfigException(e.getMessage());
                }
            }, mode));
        } catch (ConfigException e) {
            diagnostics.emit(Diagnostics.Level.ALERT, "Parsing [" + text.where() + "]: failed to parse " + what + " : "
                    + e.getMessage() + ".");
            return Optional.empty();
        }
    }
}
