/**
 * TLS, the parts that do not depend on where a connection comes from (HAProxy's ssl_sock.c,
 * ssl_ckch.c, ssl_crtlist.c): certificate and key files (PEM, read with the JDK's own parsers and
 * a small DER reader, {@link dev.shuttle.tls.CertificateFiles}), CA and CRL files, the store of
 * loaded certificates that the runtime API updates ({@link dev.shuttle.tls.CertificateStore}),
 * certificate selection by SNI ({@link dev.shuttle.tls.SniIndex}), the TLS ClientHello codec
 * that lets a listener choose its settings before the handshake ({@link dev.shuttle.tls.ClientHello}),
 * OpenSSL's names for ciphers, curves, signature algorithms and versions mapped to the JDK's
 * ({@link dev.shuttle.tls.CipherStrings}), certificate verification with OpenSSL's error codes
 * ({@link dev.shuttle.tls.CertificateVerifier}), and the contexts a listener
 * ({@link dev.shuttle.tls.FrontTls}) and a server ({@link dev.shuttle.tls.BackTls}) make their
 * {@code SSLSocket}s with.
 *
 * <p>A basic floor: it imports no other Shuttle package. The configuration records hold its
 * settings; {@code session} runs the listener side's handshake as a pipeline stage, {@code
 * backend} the server side's inside a connection attempt, {@code cli} updates the store. TLS runs
 * in the JDK's {@code SSLSocket} over the connection's own socket, on the connection's virtual
 * thread, so the blocking model of the rest of the stack is unchanged.
 */
package dev.shuttle.tls;
