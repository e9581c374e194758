package dev.shuttle.config.parse;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.config.PersistenceCookie;
import dev.shuttle.config.PersistenceCookie.Mode;
import dev.shuttle.config.ProxyKind;
import dev.shuttle.config.ProxyMode;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.rules.PersistRule;
import dev.shuttle.sample.Phase;
import java.util.ArrayList;
import java.util.List;

/**
 * The persistence keywords of a backend (configuration.txt §4.2): the persistence cookie
 * ({@code cookie}), the key of dynamic server cookies ({@code dynamic-cookie-key}), the conditions
 * that force or ignore persistence ({@code force-persist}, {@code ignore-persist}) and
 * {@code option persist}. The servers' {@code cookie} and {@code redir} are {@link ServerKeyword}'s.
 */
final class PersistenceKeywords {
    private PersistenceKeywords() {}

    static void register(KeywordRegistry registry) {
        registry.proxy("cookie", Need.BACKEND, true, false, PersistenceKeywords::cookie);
        registry.proxy("dynamic-cookie-key", Need.BACKEND, true, false, (line, proxy) -> {
            if (line.arg(1).isEmpty()) {
                throw new ConfigException("'dynamic-cookie-key' expects <secret_key> as argument.");
            }
            proxy.http.dynamicCookieKey = line.arg(1);
        });
        registry.proxy("be-unpublished", Need.ANY, true, false, PersistenceKeywords::beUnpublished);
        registry.proxy("force-be-switch", Need.ANY, true, false, PersistenceKeywords::forceBackendSwitch);
        for (String keyword : List.of("force-persist", "ignore-persist")) {
            registry.proxy(keyword, Need.BACKEND, false, false, PersistenceKeywords::persistRule);
        }
        registry.option("persist", Need.BACKEND, (line, proxy) -> {
            line.expectArgs(0, "takes no argument.");
            proxy.options.put("persist", !line.negated());
        });
    }

    /** {@code be-unpublished} (configuration.txt §4.2): a backend or listen section starts unpublished. 3.5's texts. */
    private static void beUnpublished(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (proxy.kind == ProxyKind.DEFAULTS) {
            throw new ConfigException("'be-unpublished' not allowed in 'defaults' section.");
        }
        if (!proxy.kind.hasBackendCapability()) {
            throw new ConfigException("'be-unpublished' only available in backend or listen section.");
        }
        proxy.unpublished = true;
    }

    /**
     * {@code force-be-switch if|unless <condition>} (configuration.txt §4.2): while its condition
     * holds, content switching may pick an unpublished backend. 3.5's texts.
     */
    private static void forceBackendSwitch(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (proxy.kind == ProxyKind.DEFAULTS) {
            throw new ConfigException("'force-be-switch' not allowed in 'defaults' section.");
        }
        if (!proxy.kind.hasFrontendCapability()) {
            throw new ConfigException("'force-be-switch' only available in frontend or listen section.");
        }
        if (!line.arg(1).equals("if") && !line.arg(1).equals("unless")) {
            throw new ConfigException("'force-be-switch' requires either 'if' or 'unless' followed by a condition.");
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        proxy.forceBackendSwitch.add(compiler.condition(line.words().subList(1, line.words().size()),
                proxy.mode == ProxyMode.HTTP ? Phase.HTTP_REQUEST : Phase.REQUEST_CONTENT,
                proxy.describe() + " force-be-switch rule"));
    }

    /** {@code force-persist|ignore-persist if|unless <condition>}. */
    private static void persistRule(KeywordContext line, ProxySection proxy) throws ConfigException {
        String keyword = line.keyword();
        if (!line.arg(1).equals("if") && !line.arg(1).equals("unless")) {
            throw new ConfigException("'" + keyword + "' requires either 'if' or 'unless' followed by a condition.");
        }
        ProxyRuleCompiler compiler = new ProxyRuleCompiler(line, proxy);
        AclCondition condition = compiler.condition(line.words().subList(1, line.words().size()),
                proxy.mode == ProxyMode.HTTP ? Phase.HTTP_REQUEST : Phase.REQUEST_CONTENT,
                proxy.describe() + " " + keyword + " rule");
        proxy.persistRules.add(new PersistRule(line.where(), keyword.equals("force-persist"), condition));
    }

    /**
     * {@code cookie <name> [rewrite|insert|prefix] [indirect] [nocache] [postonly] [preserve]
     * [httponly] [secure] [domain <d>]* [maxidle <t>] [maxlife <t>] [dynamic] [attr <v>]*}: a
     * later line replaces an earlier one (or the one of the defaults section) whole.
     */
    private static void cookie(KeywordContext line, ProxySection proxy) throws ConfigException {
        if (line.arg(1).isEmpty()) {
            throw new ConfigException("'cookie' expects <cookie_name> as argument.");
        }
        Builder cookie = new Builder(line.arg(1));
        for (int i = 2; i <= line.argCount(); i++) {
            String option = line.arg(i);
            switch (option) {
                case "rewrite" -> cookie.mode(Mode.REWRITE);
                case "insert" -> cookie.mode(Mode.INSERT);
                case "prefix" -> cookie.mode(Mode.PREFIX);
                case "indirect" -> cookie.indirect = true;
                case "nocache" -> cookie.noCache = true;
                case "postonly" -> cookie.postOnly = true;
                case "preserve" -> cookie.preserve = true;
                case "httponly" -> cookie.httpOnly = true;
                case "secure" -> cookie.secure = true;
                case "dynamic" -> cookie.dynamic = true;
                case "domain" -> cookie.domains.add(domain(line, line.arg(++i)));
                case "maxidle" -> cookie.maxIdleSeconds = seconds(line.arg(++i), "maxidle", "<idletime>");
                case "maxlife" -> cookie.maxLifeSeconds = seconds(line.arg(++i), "maxlife", "<lifetime>");
                case "attr" -> cookie.attributes.add(attribute(line.arg(++i)));
                default -> throw new ConfigException("'cookie' supports 'rewrite', 'insert', 'prefix', 'indirect', "
                        + "'nocache', 'postonly', 'domain', 'maxidle', 'dynamic', 'maxlife' and 'attr' options.");
            }
        }
        proxy.http.cookie = cookie.build();
    }

    /** RFC 6265 §5.2.3: a domain with no embedded dot may not work; HAProxy takes letters, digits, '.', '_', '-'. */
    private static String domain(KeywordContext line, String domain) throws ConfigException {
        if (domain.isEmpty()) {
            throw new ConfigException("'domain' expects <domain> as argument.");
        }
        if (domain.indexOf('.') < 0) {
            line.warning("domain '" + domain + "' contains no embedded dot, this configuration may not work "
                    + "properly (see RFC6265#5.2.3).");
        }
        for (int i = 0; i < domain.length(); i++) {
            char c = domain.charAt(i);
            if (!(c < 128 && Character.isLetterOrDigit(c)) && c != '.' && c != '_' && c != '-') {
                throw new ConfigException("character '" + c + "' is not permitted in domain name '" + domain + "'.");
            }
        }
        return domain;
    }

    /** An {@code attr} value: anything but control characters and {@code ;}. */
    private static String attribute(String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException("'attr' expects <value> as argument.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == ';') {
                throw new ConfigException(String.format("character '%%x%02X' is not permitted in attribute value.",
                        (int) c));
            }
        }
        return value;
    }

    /** A time whose default unit is the second ({@code maxidle 30m}, {@code maxlife 3600}). */
    private static long seconds(String text, String option, String what) throws ConfigException {
        if (text.isEmpty()) {
            throw new ConfigException("'" + option + "' expects " + what + " in seconds as argument.");
        }
        int digits = 0;
        while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        if (digits == 0) {
            throw new ConfigException("unexpected character '" + text.charAt(0) + "' in argument to <" + option + ">.");
        }
        String unit = text.substring(digits);
        long millisPerUnit = switch (unit) {
            case "" , "s" -> 1000L;
            case "ms" -> 1L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            case "d" -> 86_400_000L;
            default -> throw new ConfigException("unexpected character '" + unit.charAt(0) + "' in argument to <"
                    + option + ">.");
        };
        long value;
        try {
            value = Long.parseLong(text.substring(0, digits));
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE;
        }
        if (value > Integer.MAX_VALUE * 1000L / millisPerUnit) {
            throw new ConfigException("timer overflow in argument <" + text + "> to <" + option
                    + ">, maximum value is 2147483647 s (~68 years).");
        }
        long seconds = value * millisPerUnit / 1000L;
        if (value > 0 && seconds == 0) {
            throw new ConfigException("timer underflow in argument <" + text + "> to <" + option
                    + ">, minimum non-null value is 1 s.");
        }
        return seconds;
    }

    /** The options of one {@code cookie} line as they are read, checked as HAProxy checks them. */
    private static final class Builder {
        final String name;
        boolean rewrite;
        boolean insert;
        boolean prefix;
        boolean indirect;
        boolean noCache;
        boolean postOnly;
        boolean preserve;
        boolean httpOnly;
        boolean secure;
        boolean dynamic;
        final List<String> domains = new ArrayList<>();
        long maxIdleSeconds;
        long maxLifeSeconds;
        final List<String> attributes = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        void mode(Mode mode) {
            switch (mode) {
                case REWRITE -> rewrite = true;
                case INSERT -> insert = true;
                case PREFIX -> prefix = true;
                case PASSIVE -> { }
            }
        }

        PersistenceCookie build() throws ConfigException {
            if (rewrite && indirect) {
                throw new ConfigException("cookie 'rewrite' and 'indirect' modes are incompatible.");
            }
            if ((rewrite ? 1 : 0) + (insert ? 1 : 0) + (prefix ? 1 : 0) > 1) {
                throw new ConfigException("cookie 'rewrite', 'insert' and 'prefix' modes are incompatible.");
            }
            if (preserve && !insert && !indirect) {
                throw new ConfigException("cookie 'preserve' requires at least 'insert' or 'indirect'.");
            }
            Mode mode = insert ? Mode.INSERT : rewrite ? Mode.REWRITE : prefix ? Mode.PREFIX : Mode.PASSIVE;
            return new PersistenceCookie(name, mode, indirect, noCache, postOnly, preserve, httpOnly, secure, domains,
                    maxIdleSeconds, maxLifeSeconds, dynamic, attributes);
        }
    }
}
