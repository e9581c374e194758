package dev.shuttle.config.parse;

import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.TimeoutKind;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;

/** {@code timeout <kind> <time>} in proxy sections (configuration.txt, "timeout"). */
final class TimeoutKeyword {
    private TimeoutKeyword() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("timeout", Need.ANY, true, false, (line, proxy) -> {
            TimeoutKind kind = TimeoutKind.fromKeyword(line.arg(1)).orElseThrow(() -> new ConfigException(
                    "'timeout' supports " + supportedList() + " (got '" + line.arg(1) + "')"));
            String keyword = "timeout " + kind.keyword();
            if (line.argCount() != 2) {
                throw new ConfigException("'" + keyword + "' expects an integer value (in milliseconds)");
            }
            String value = line.arg(2);
            if (!Character.isDigit(value.charAt(0))) {
                // 3.5's time parser stops at the first character that is no digit (configuration.txt §2.5).
                throw new ConfigException("unexpected character '" + value.charAt(0) + "' in '" + keyword + "'");
            }
            long millis = TimeValue.parseMillis(value, keyword);
            if (!kind.appliesTo(proxy.kind)) {
                String missing = kind.appliesTo(ProxyKind.FRONTEND) ? "frontend" : "backend";
                line.warning("'" + keyword + "' will be ignored because " + proxy.describe() + " has no "
                        + missing + " capability");
                return;
            }
            proxy.timeouts.put(kind, millis);
        });
    }

    /**
     * HAProxy 3.5's list, word for word: it names {@code client-hs} by its old name, "handshake",
     * and the message is kept as users and scripts see it from HAProxy.
     */
    private static String supportedList() {
        return "'client', 'server', 'connect', 'check', 'queue', 'handshake', 'http-keep-alive', 'http-request', "
                + "'tunnel', 'tarpit', 'client-fin' and 'server-fin'";
    }
}
