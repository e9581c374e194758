package dev.shuttle.config.parse;

import dev.shuttle.config.ApplicationProtocols;
import dev.shuttle.config.BindConfig;
import dev.shuttle.config.HealthCheckConfig;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.ServerConfig;
import dev.shuttle.config.TlsBindSettings;
import dev.shuttle.config.TlsServerSettings;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.sample.CompileScope;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleExpression;
import dev.shuttle.tls.SniEntry;
import dev.shuttle.tls.TlsOptions;
import dev.shuttle.tls.TlsVersion;
import dev.shuttle.tls.VerifyMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What only the whole proxy tells about its TLS settings, once its mode is known: the ALPN an
 * HTTPS listener offers by default and the names Shuttle cannot serve in HTTP mode ({@link
 * ApplicationProtocols}), the {@code sni-auto} expression of HTTP-mode servers, and HAProxy's
 * checks that verification has CAs to verify with and that some version is left.
 */
final class TlsResolver {
    /** configuration.txt, server "sni-auto": the Host header's name, its port dropped. */
    static final String SNI_AUTO = "req.hdr(host),field(1,:)";

    private final Diagnostics diagnostics;

    TlsResolver(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    BindConfig bind(ProxySection proxy, BindConfig bind) {
        if (bind.tls().isEmpty()) {
            return bind;
        }
        TlsBindSettings tls = bind.tls().get();
        String where = "bind '" + bind.text() + "' at [" + bind.where() + "]";
        TlsOptions options = alpnForMode(proxy.mode, tls.options(), where, true, true);
        List<SniEntry> entries = new ArrayList<>();
        for (SniEntry entry : tls.certificates()) {
            TlsOptions own = entry.options().alpn().isPresent()
                    ? alpnForMode(proxy.mode, entry.options(), where + " (" + entry.origin() + ")", false, true)
                    : entry.options();
            entries.add(new SniEntry(entry.certificate(), own, entry.filters(), entry.negative(),
                    entry.explicitDefault(), entry.origin()));
            checkBindOptions(proxy, own.over(options), where);
        }
        checkBindOptions(proxy, options, where);
        return new BindConfig(bind.where(), bind.text(), bind.addresses(), bind.name(), bind.maxconn(),
                bind.socketOptions(), Optional.of(new TlsBindSettings(entries, options, tls.strictSni())),
                bind.acceptProxy(), bind.id(), bind.guidPrefix(), bind.muxProtocol());
    }

    private void checkBindOptions(ProxySection proxy, TlsOptions options, String where) {
        if (options.verifyOr(VerifyMode.NONE) != VerifyMode.NONE && options.caFile().isEmpty()
                && options.caVerifyFile().isEmpty()) {
            alert("Proxy '" + proxy.name + "': verify is enabled but no CA file specified for " + where + ".");
        }
        checkVersions(options, "Proxy '" + proxy.name + "': all SSL/TLS versions are disabled for " + where + ".");
    }

    private void checkVersions(TlsOptions options, String message) {
        List<TlsVersion> versions = options.versions();
        if (versions.isEmpty()) {
            alert(message);
        } else if (versions.stream().allMatch(TlsVersion::disabledByJdk)) {
            alert(message.replace("are disabled", "left are disabled by the JDK's security settings "
                    + "(jdk.tls.disabledAlgorithms)"));
        }
    }

    /**
     * In HTTP mode: the default ALPN when none is set, and the names no Shuttle mux speaks on that
     * side ({@code listener}, else a server) left out, with a warning. In TCP mode the list is
     * offered as written.
     */
    private TlsOptions alpnForMode(ProxyMode mode, TlsOptions options, String where, boolean fillDefault,
                                   boolean listener) {
        if (mode != ProxyMode.HTTP) {
            return options;
        }
        TlsOptions.Builder builder = new TlsOptions.Builder(options);
        if (options.alpn().isEmpty()) {
            if (fillDefault) {
                builder.alpn = Optional.of(ApplicationProtocols.HTTP_DEFAULT);
            }
            return builder.build();
        }
        List<String> kept = new ArrayList<>();
        for (String protocol : options.alpn().get()) {
            if ((listener ? ApplicationProtocols.LISTENER_UNSPOKEN : ApplicationProtocols.SERVER_UNSPOKEN)
                    .contains(protocol)) {
                diagnostics.emit(Diagnostics.Level.WARNING, "config : 'alpn' of " + where + " offers '" + protocol
                        + "', which Shuttle does not speak yet: it is not offered.");
            } else {
                kept.add(protocol);
            }
        }
        builder.alpn = Optional.of(kept);
        return builder.build();
    }

    TlsServerSettings server(ProxySection proxy, ServerConfig server) {
        TlsServerSettings tls = server.tls();
        if (!tls.enabled() && !tls.checkSsl() && !tls.defaultServerSsl()
                && !proxy.checks.freeze().connectsWithTls()) {
            return tls;
        }
        String name = "'server " + proxy.name + "/" + server.name() + "'";
        if (tls.verify() != VerifyMode.NONE && tls.options().caFile().isEmpty()) {
            alert("[" + server.where() + "] : " + name + " : " + (tls.options().verify().isPresent()
                    ? "verify is enabled but no CA file specified."
                    : "verify is enabled by default but no CA file specified. If you're running on a LAN where "
                    + "you're certain to trust the server's certificate, please set an explicit 'verify none' "
                    + "statement on the 'server' line, or use 'ssl-server-verify none' in the global section to "
                    + "disable server-side verifications by default."));
        }
        checkVersions(tls.options(), "[" + server.where() + "] : " + name + " : all SSL/TLS versions are disabled.");
        TlsServerSettings resolved = tls;
        if (proxy.mode == ProxyMode.HTTP && tls.options().alpn().isPresent()) {
            TlsOptions options = alpnForMode(ProxyMode.HTTP, tls.options(), name + " at [" + server.where() + "]", false,
                    false);
            resolved = new TlsServerSettings(tls.enabled(), options, tls.verify(), tls.sni(), tls.verifyHost(),
                    tls.certificate(), tls.reuse(), tls.checkSsl(), tls.checkSni(), tls.checkAlpn(), tls.sniAuto(),
                    tls.noCheckSsl(), tls.checkSniAuto(), tls.defaultServerSsl(), tls.noSsl());
        }
        if (proxy.checks.kind == HealthCheckConfig.Kind.HTTP && tls.checkAlpn().isPresent()) {
            resolved = resolved.withCheckAlpn(httpCheckAlpn(tls.checkAlpn().get(), name + " at [" + server.where()
                    + "]", proxy.checks.isSequence()));
        }
        // 3.5 gives the automatic SNI to a server of an ssl default-server too (set server ... ssl on).
        if (proxy.mode == ProxyMode.HTTP && (tls.enabled() || tls.defaultServerSsl()) && tls.sni().isEmpty()
                && tls.sniAuto()) {
            resolved = resolved.withSni(sniAuto());
        }
        return resolved;
    }

    /** {@code check-alpn} of a server checked over HTTP: the protocols Shuttle's checks do not speak left out, with a warning. */
    private List<String> httpCheckAlpn(List<String> protocols, String where, boolean sequence) {
        List<String> kept = new ArrayList<>();
        for (String protocol : protocols) {
            if ((sequence ? ApplicationProtocols.SEQUENCE_CHECK_UNSPOKEN : ApplicationProtocols.CHECK_UNSPOKEN)
                    .contains(protocol)) {
                diagnostics.emit(Diagnostics.Level.WARNING, "config : 'check-alpn' of " + where + " offers '"
                        + protocol + "', which Shuttle's HTTP checks do not speak yet (" + (sequence
                        ? "HTTP/1.1 in an 'http-check connect' sequence" : "HTTP/1.1 and HTTP/2") + "): it is not offered.");
            } else {
                kept.add(protocol);
            }
        }
        return kept;
    }

    private static SampleExpression sniAuto() {
        try {
            return SampleCompiler.compile(SNI_AUTO, StandardRegistry.get(), CompileScope.STANDALONE);
        } catch (SampleCompileException e) {
            throw new IllegalStateException("the sni-auto expression does not compile: " + e.getMessage(), e);
        }
    }

    private void alert(String text) {
        diagnostics.emit(Diagnostics.Level.ALERT, "config : " + text);
    }

}
