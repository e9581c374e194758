package dev.shuttle.config.parse;

import dev.shuttle.config.CheckGlobals;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;

/**
 * The {@code global} keywords of health checks (configuration.txt §3.1, §3.2): {@code
 * spread-checks}, {@code max-spread-checks}, {@code external-check [preserve-env]} and {@code
 * insecure-fork-wanted}, with HAProxy 3.5's messages for bad values.
 */
final class CheckGlobalKeywords {
    private CheckGlobalKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.global("spread-checks", CheckGlobalKeywords::spreadChecks);
        registry.global("max-spread-checks", (line, global) -> {
            tooManyArgs(line, 1);
            if (line.argCount() == 0 || line.arg(1).isEmpty()) {
                throw new ConfigException("'max-spread-checks' expects an integer argument (0..50).");
            }
            global.maxSpreadChecksMillis = TimeValue.parseMillis(line.arg(1), "max-spread-checks");
        });
        registry.global("external-check", (line, global) -> {
            tooManyArgs(line, 1);
            if (line.argCount() == 1 && !line.arg(1).equals("preserve-env")) {
                throw new ConfigException("'external-check' only supports 'preserve-env' as an argument, found '"
                        + line.arg(1) + "'.");
            }
            global.externalCheck = line.argCount() == 1 ? CheckGlobals.ExternalChecks.PRESERVE_ENVIRONMENT
                    : CheckGlobals.ExternalChecks.CLEAN_ENVIRONMENT;
        });
        registry.global("insecure-fork-wanted", (line, global) -> {
            line.expectArgs(0, "takes no argument.");
            // Shuttle never forbids itself to fork; the setting only says that external checks are wanted.
            global.insecureForkWanted = !line.negated();
        });
    }

    /** {@code spread-checks <0..50>}: a percentage of randomness added to each check interval. */
    private static void spreadChecks(KeywordContext line, GlobalSection global) throws ConfigException {
        tooManyArgs(line, 1);
        if (global.spreadChecks != 0) {
            // HAProxy 3.5 keeps the first value with a non-fatal alert; Shuttle's alerts are all fatal,
            // so its words come as a warning.
            line.warning("spread-checks already specified. Continuing.");
            return;
        }
        if (line.argCount() == 0 || line.arg(1).isEmpty()) {
            throw new ConfigException("'spread-checks' expects an integer argument (0..50).");
        }
        int percent = leadingInteger(line.arg(1));
        if (percent < 0 || percent > 50) {
            throw new ConfigException("'spread-checks' needs a positive value in range 0..50.");
        }
        global.spreadChecks = percent;
    }

    /** The integer at the start of {@code text}, as C's atol() reads it (0 when there is none). */
    static int leadingInteger(String text) {
        int i = 0;
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            negative = text.charAt(i++) == '-';
        }
        long value = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i)) && value < 1_000_000) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return (int) (negative ? -value : value);
    }

    static void tooManyArgs(KeywordContext line, int allowed) throws ConfigException {
        if (line.argCount() > allowed) {
            throw new ConfigException("'" + line.keyword() + "' cannot handle unexpected argument '"
                    + line.arg(allowed + 1) + "'.");
        }
    }
}
