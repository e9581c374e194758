package dev.shuttle.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A TLS listener ({@code bind ... ssl}): its certificates indexed by SNI, and one JSSE context for
 * each set of options its lines have (the listener's own, and each {@code crt-list} line's), made
 * once at startup. For each connection, the ClientHello read beforehand chooses the certificate,
 * hence the line, hence the context ({@link #prepare}); then {@link #handshake} runs JSSE over the
 * accepted socket on the connection's own thread. A runtime update of a certificate re-indexes the
 * names at once ({@link CertificateStore#onCommit}).
 */
public final class FrontTls {
    /** A context and the parameters its connections start with. */
    private record Context(SSLContext context, SSLParameters parameters) {}

    /** What a connection will be served with: its certificate's line, and that line's context. */
    public record Prepared(SniIndex.Candidate candidate, SSLContext context, SSLParameters parameters) {}

    private final List<SniEntry> entries;
    private final TlsOptions bindOptions;
    private final boolean strictSni;
    private final CertificateStore store;
    // Replaced whole by a commit of the runtime API (on the API's thread), read by connection threads.
    private volatile SniIndex index;
    private final Map<TlsOptions, Context> contexts = new LinkedHashMap<>();
    /** The certificate chosen for each handshake in progress, by its socket, for the key manager. */
    private final Map<Socket, SniIndex.Candidate> handshaking = new ConcurrentHashMap<>();

    /**
     * @param bindOptions the listener's options over the {@code ssl-default-bind-*} ones, ALPN default included
     * @param sessions    the session cache's size and lifetime ({@code tune.ssl.cachesize}, {@code tune.ssl.lifetime})
     */
    public FrontTls(List<SniEntry> entries, TlsOptions bindOptions, boolean strictSni, SessionCache sessions,
                    CertificateStore store, TlsFiles files) throws TlsException {
        this.entries = List.copyOf(entries);
        this.bindOptions = bindOptions;
        this.strictSni = strictSni;
        this.store = store;
        this.index = new SniIndex(this.entries, bindOptions, strictSni, store);
        SniKeyManager keys = new SniKeyManager(() -> index, store, handshaking);
        contexts.put(bindOptions, context(bindOptions, keys, sessions, files));
        for (SniEntry entry : this.entries) {
            TlsOptions effective = entry.options().over(bindOptions);
            if (!contexts.containsKey(effective)) {
                contexts.put(effective, context(effective, keys, sessions, files));
            }
        }
        store.onCommit(() -> index = new SniIndex(this.entries, this.bindOptions, this.strictSni, this.store));
    }

    private static Context context(TlsOptions options, SniKeyManager keys, SessionCache sessions, TlsFiles files)
            throws TlsException {
        VerifyMode verify = options.verifyOr(VerifyMode.NONE);
        CertificateVerifier trust = null;
        if (verify != VerifyMode.NONE) {
            List<X509Certificate> issuers = options.caFile().map(files::caFile).orElse(List.of());
            List<X509Certificate> anchors = new ArrayList<>(issuers);
            options.caVerifyFile().ifPresent(file -> anchors.addAll(files.caFile(file)));
            trust = new CertificateVerifier(anchors, options.noCaNames().orElse(false) ? List.of() : issuers,
                    options.crlFile().map(files::crlFile).orElse(List.of()),
                    options.crtIgnoredErrors().orElse(IgnoredErrors.NONE),
                    options.caIgnoredErrors().orElse(IgnoredErrors.NONE), session -> Optional.empty());
        }
        SSLContext context = Contexts.make(keys, trust, true, !options.noTlsTickets().orElse(false), sessions.size(),
                sessions.lifetimeSeconds());
        SSLParameters parameters = Contexts.parameters(options);
        if (verify == VerifyMode.REQUIRED) {
            parameters.setNeedClientAuth(true);
        } else if (verify == VerifyMode.OPTIONAL) {
            parameters.setWantClientAuth(true);
        }
        return new Context(context, parameters);
    }

    /** The certificate and context for a client that said {@code hello}; empty when there is none to serve. */
    public Optional<Prepared> prepare(ClientHello hello) {
        return index.select(SniIndex.Asked.of(hello)).map(candidate -> {
            Context context = contexts.getOrDefault(candidate.options(), contexts.get(bindOptions));
            return new Prepared(candidate, context.context(), context.parameters());
        });
    }

    /**
     * Runs the handshake over {@code socket}, whose first bytes ({@code replay}, the ClientHello)
     * were read already; the caller bounds it in time (a read timeout or a deadline on the socket).
     */
    public Established handshake(Socket socket, byte[] replay, Prepared prepared, Optional<String> serverName)
            throws IOException {
        long started = System.currentTimeMillis();
        ReplaySocket beneath = new ReplaySocket(socket, replay);
        SSLSocket tls = (SSLSocket) prepared.context().getSocketFactory().createSocket(beneath, null, true);
        tls.setUseClientMode(false);
        tls.setSSLParameters(prepared.parameters());
        List<String> offered = prepared.candidate().options().alpn().orElse(List.of());
        // OpenSSL's choice, as HAProxy makes it: our first protocol the client also offers; none in
        // common is no ALPN at all, not a failed handshake (JSSE's default would send an alert).
        tls.setHandshakeApplicationProtocolSelector((unused, theirs) -> offered.stream().filter(theirs::contains)
                .findFirst().orElse(""));
        handshaking.put(tls, prepared.candidate());
        try {
            tls.startHandshake();
        } finally {
            handshaking.remove(tls);
        }
        return Established.of(tls, serverName, started, beneath);
    }

    /** The current SNI index ({@code show ssl sni}). */
    public SniIndex index() {
        return index;
    }

    public List<SniEntry> entries() {
        return entries;
    }
}
