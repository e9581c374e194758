package dev.shuttle.config.parse;

import dev.shuttle.config.ForwardedOption;
import dev.shuttle.config.HeaderNamePolicy;
import dev.shuttle.config.HttpConnectionMode;
import dev.shuttle.config.HttpReuse;
import dev.shuttle.config.HttpSettings;
import dev.shuttle.config.PersistenceCookie;
import java.util.Optional;

/** A proxy's HTTP options while the section is parsed; frozen into {@link HttpSettings}. */
final class HttpOptionsSection {
    HttpConnectionMode connectionMode = HttpConnectionMode.KEEP_ALIVE;
    boolean pretendKeepAlive;
    HttpSettings.AddedHeader forwardFor;
    HttpSettings.AddedHeader originalTo;
    ForwardedOption forwarded;
    HeaderNamePolicy headerNames = HeaderNamePolicy.PRESERVE;
    /** {@code option abortonclose}: on unless {@code no option abortonclose}, as 3.5 has it for HTTP backends. */
    boolean abortOnClose = true;
    /** {@code option abortonclose} was written (here or in the defaults): a TCP backend warns that it has no effect. */
    boolean abortOnCloseWritten;
    boolean ignoreProbes;
    boolean bufferRequest;
    boolean acceptUnsafeRequest;
    boolean acceptUnsafeResponse;
    boolean httpLog;
    boolean dropRequestTrailers;
    boolean dropResponseTrailers;
    HttpReuse reuse = HttpReuse.SAFE;
    /** {@code cookie}: the backend's persistence cookie, or null. */
    PersistenceCookie cookie;
    /** {@code dynamic-cookie-key}, or null. */
    String dynamicCookieKey;

    HttpOptionsSection copy() {
        HttpOptionsSection copy = new HttpOptionsSection();
        copy.connectionMode = connectionMode;
        copy.pretendKeepAlive = pretendKeepAlive;
        copy.forwardFor = forwardFor;
        copy.originalTo = originalTo;
        copy.forwarded = forwarded;
        copy.headerNames = headerNames;
        copy.abortOnClose = abortOnClose;
        copy.abortOnCloseWritten = abortOnCloseWritten;
        copy.ignoreProbes = ignoreProbes;
        copy.bufferRequest = bufferRequest;
        copy.acceptUnsafeRequest = acceptUnsafeRequest;
        copy.acceptUnsafeResponse = acceptUnsafeResponse;
        copy.httpLog = httpLog;
        copy.dropRequestTrailers = dropRequestTrailers;
        copy.dropResponseTrailers = dropResponseTrailers;
        copy.reuse = reuse;
        copy.cookie = cookie;
        copy.dynamicCookieKey = dynamicCookieKey;
        return copy;
    }

    HttpSettings freeze() {
        return new HttpSettings(connectionMode, pretendKeepAlive, Optional.ofNullable(forwardFor),
                Optional.ofNullable(originalTo), Optional.ofNullable(forwarded), headerNames, abortOnClose, ignoreProbes,
                bufferRequest, acceptUnsafeRequest, acceptUnsafeResponse, httpLog, dropRequestTrailers,
                dropResponseTrailers, reuse, Optional.ofNullable(cookie)
                        .map(c -> dynamicCookieKey == null ? c : c.withDynamicKey(dynamicCookieKey)));
    }
}
