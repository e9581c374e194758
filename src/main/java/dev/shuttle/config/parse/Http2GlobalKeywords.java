package dev.shuttle.config.parse;

import dev.shuttle.lang.ConfigException;
import java.util.Set;

/**
 * The {@code tune.h2.*} keywords of the {@code global} section (configuration.txt §3.2), with
 * HAProxy 3.5's messages for bad values (mux_h2.c). Those of client and server connections take
 * effect; HAProxy's buffer and scheduling knobs are accepted with a notice that they change nothing.
 */
final class Http2GlobalKeywords {
    /** HAProxy's scheduling and buffering knobs, with no counterpart in a thread-per-stream proxy. */
    private static final Set<String> WITHOUT_EFFECT = Set.of("tune.h2.fe.max-frames-at-once", "tune.h2.be.max-frames-at-once",
            "tune.h2.be.rxbuf",
            "tune.h2.fe.max-rst-at-once", "tune.h2.fe.rxbuf", "tune.h2.zero-copy-fwd-send", "tune.h2.log-errors");

    private Http2GlobalKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.global("tune.h2.header-table-size", (line, global) -> {
            CheckGlobalKeywords.tooManyArgs(line, 1);
            int size = CheckGlobalKeywords.leadingInteger(line.arg(1));
            if (size < 4096 || size > 65536) {
                throw new ConfigException("'" + line.keyword() + "' expects a numeric value between 4096 and 65536.");
            }
            global.h2HeaderTableSize = size;
        });
        registry.global("tune.h2.initial-window-size", (line, global) ->
                global.h2InitialWindowSize = positive(line));
        registry.global("tune.h2.fe.initial-window-size", (line, global) ->
                global.h2FrontInitialWindowSize = positive(line));
        registry.global("tune.h2.max-concurrent-streams", (line, global) ->
                global.h2MaxConcurrentStreams = positive(line));
        registry.global("tune.h2.fe.max-concurrent-streams", (line, global) -> {
            if (line.argCount() > 1) {
                throw new ConfigException("'" + line.keyword() + "' " + line.arg(2)
                        + ": the run-queue arguments ('rq-load', 'min') are not supported by Shuttle, whose "
                        + "streams run on threads of their own.");
            }
            global.h2FrontMaxConcurrentStreams = positive(line);
        });
        registry.global("tune.h2.max-frame-size", (line, global) -> {
            CheckGlobalKeywords.tooManyArgs(line, 1);
            int size = CheckGlobalKeywords.leadingInteger(line.arg(1));
            if (size < 16_384 || size > 16_777_215) {
                throw new ConfigException("'" + line.keyword() + "' expects a numeric value between 16384 and 16777215.");
            }
            global.h2MaxFrameSize = size;
        });
        registry.global("tune.h2.fe.max-total-streams", (line, global) ->
                global.h2FrontMaxTotalStreams = positive(line));
        registry.global("tune.h2.fe.glitches-threshold", (line, global) ->
                global.h2FrontGlitchesThreshold = positive(line));
        // configuration.txt §3.1: no SETTINGS_ENABLE_CONNECT_PROTOCOL, so no WebSocket over HTTP/2.
        registry.global("h2-workaround-bogus-websocket-clients", (line, global) -> {
            CheckGlobalKeywords.tooManyArgs(line, 0);
            global.h2WebsocketDisabled = !line.negated();
        });
        registry.global("tune.h2.be.initial-window-size", (line, global) ->
                global.h2BackInitialWindowSize = positive(line));
        registry.global("tune.h2.be.max-concurrent-streams", (line, global) ->
                global.h2BackMaxConcurrentStreams = positive(line));
        registry.global("tune.h2.be.glitches-threshold", (line, global) ->
                global.h2BackGlitchesThreshold = positive(line));
        for (String keyword : WITHOUT_EFFECT) {
            registry.global(keyword, (line, global) -> line.notice("'" + keyword + "' has no effect in Shuttle, "
                    + "whose HTTP/2 streams run on threads of their own."));
        }
    }

    /** A non-negative integer, as 3.5 reads it (atoi), else its message. */
    private static int positive(KeywordContext line) throws ConfigException {
        CheckGlobalKeywords.tooManyArgs(line, 1);
        int value = CheckGlobalKeywords.leadingInteger(line.arg(1));
        if (value < 0) {
            throw new ConfigException("'" + line.keyword() + "' expects a positive numeric value.");
        }
        return value;
    }
}
