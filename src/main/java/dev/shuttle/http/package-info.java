/**
 * The protocol-neutral HTTP message model: request and response heads, request targets (RFC 9112
 * §3.2, split for the codecs and for the {@code path}/{@code query} fetches), header lists, status
 * reasons, the proxy's own error messages, and the keep-alive decisions of an exchange
 * ({@link dev.shuttle.http.KeepAlive}). HTTP/1.1 ({@code h1}) and later HTTP/2 ({@code h2})
 * translate to and from it, so that the exchange logic in {@code stream} never sees wire syntax
 * (HAProxy's htx.c, http.c). Pure values: no I/O.
 */
package dev.shuttle.http;
