package dev.shuttle.config.parse;

import dev.shuttle.config.BalanceAlgorithm;
import dev.shuttle.config.BalanceParameters;
import dev.shuttle.config.HashType;
import dev.shuttle.config.parse.KeywordRegistry.Need;
import dev.shuttle.lang.CNumbers;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleExpression;
import java.util.Optional;

/**
 * {@code balance}, {@code hash-type} and {@code hash-balance-factor} (configuration.txt §4.2):
 * the load-balancing algorithm of a backend and how its hashing algorithms hash. The messages are
 * HAProxy 3.5's for the same mistakes.
 */
final class BalanceKeywords {
    private BalanceKeywords() {}

    /** An algorithm with its arguments, as one {@code balance} line gives them. */
    private record Choice(BalanceAlgorithm algorithm, BalanceParameters arguments) {}

    static void register(KeywordRegistry registry) {
        registry.proxy("balance", Need.BACKEND, true, false, (line, proxy) -> {
            Choice choice = parse(line, proxy);
            proxy.balance = choice.algorithm();
            proxy.balancing = proxy.balancing.withArguments(choice.arguments());
        });
        registry.proxy("hash-type", Need.BACKEND, true, false,
                (line, proxy) -> proxy.balancing = proxy.balancing.withHashType(hashType(line)));
        registry.proxy("hash-balance-factor", Need.BACKEND, true, false, (line, proxy) -> {
            if (line.argCount() == 0) {
                throw new ConfigException("'hash-balance-factor' expects an integer argument.");
            }
            int factor = (int) CNumbers.atol(line.arg(1));
            if (factor != 0 && factor <= 100) {
                throw new ConfigException("'hash-balance-factor' must be 0 or greater than 100.");
            }
            proxy.balancing = proxy.balancing.withBalanceFactor(factor);
        });
    }

    /** One {@code balance} line; with no algorithm, {@code random} (HAProxy 3.5's default). */
    private static Choice parse(KeywordContext line, ProxySection proxy) throws ConfigException {
        BalanceParameters none = BalanceParameters.DEFAULT;
        if (line.argCount() == 0) {
            return new Choice(BalanceAlgorithm.RANDOM, none);
        }
        String algorithm = line.arg(1);
        Optional<BalanceAlgorithm> plain = BalanceAlgorithm.fromKeyword(algorithm);
        if (plain.isPresent()) {
            return new Choice(plain.get(), none);
        }
        if (algorithm.startsWith("random")) {
            return new Choice(BalanceAlgorithm.RANDOM, args("", 0, 0, false, false, false, false, draws(algorithm)));
        }
        switch (algorithm) {
            case "uri" -> {
                return uri(line);
            }
            case "url_param" -> {
                if (line.arg(2).isEmpty()) {
                    throw new ConfigException("balance url_param requires an URL parameter name.");
                }
                boolean checkPost = false;
                if (!line.arg(3).isEmpty()) {
                    if (!line.arg(3).equals("check_post")) {
                        throw new ConfigException("balance url_param only accepts 'check_post' modifier (got '"
                                + line.arg(3) + "').");
                    }
                    checkPost = true;
                }
                return new Choice(BalanceAlgorithm.URL_PARAM, args(line.arg(2), 0, 0, false, false, false, checkPost, 2));
            }
            case "hash" -> {
                if (line.arg(2).isEmpty()) {
                    throw new ConfigException("balance hash requires a sample expression.");
                }
                if (!line.arg(3).isEmpty()) {
                    throw new ConfigException("balance hash takes no other argument (got '" + line.arg(3) + "').");
                }
                return new Choice(BalanceAlgorithm.HASH, args(line.arg(2), 0, 0, false, false, false, false, 2)
                        .withExpression(expression(line, proxy, line.arg(2))));
            }
            default -> {
                // below
            }
        }
        if (algorithm.startsWith("hdr(")) {
            int end = algorithm.indexOf(')', 4);
            if (end <= 4) {
                throw new ConfigException("balance hdr requires an http header field name.");
            }
            boolean domainOnly = false;
            if (!line.arg(2).isEmpty()) {
                if (!line.arg(2).equals("use_domain_only")) {
                    throw new ConfigException("balance " + algorithm + " only accepts 'use_domain_only' modifier (got '"
                            + line.arg(2) + "').");
                }
                domainOnly = true;
            }
            return new Choice(BalanceAlgorithm.HDR, args(algorithm.substring(4, end), 0, 0, false, false, domainOnly, false, 2));
        }
        if (algorithm.startsWith("rdp-cookie")) {
            String rest = algorithm.substring("rdp-cookie".length());
            String cookie;
            if (rest.isEmpty()) {
                cookie = "mstshash";
            } else {
                int end = rest.indexOf(')');
                if (!rest.startsWith("(") || end <= 1) {
                    throw new ConfigException("balance rdp-cookie : missing cookie name.");
                }
                cookie = rest.substring(1, end);
            }
            return new Choice(BalanceAlgorithm.RDP_COOKIE, args(cookie, 0, 0, false, false, false, false, 2));
        }
        if (algorithm.equals("log-hash") || algorithm.equals("sticky")) {
            throw new ConfigException("balance " + algorithm + " is for 'mode log' backends, which take it before "
                    + "their 'server' lines in Shuttle.");
        }
        throw new ConfigException("balance only supports 'roundrobin', 'static-rr', 'leastconn', 'source', 'uri', "
                + "'url_param', 'hash', 'hdr(name)', 'rdp-cookie(name)', 'log-hash' and 'sticky' options.");
    }

    private static BalanceParameters args(String name, int length, int depth, boolean whole, boolean pathOnly,
                                          boolean domainOnly, boolean checkPost, int draws) {
        BalanceParameters d = BalanceParameters.DEFAULT;
        return new BalanceParameters(name, length, depth, whole, pathOnly, domainOnly, checkPost, draws,
                Optional.empty(), d.hashType(), d.balanceFactor(), true);
    }

    /** {@code random} or {@code random(<draws>)}: the number is read as C's strtol with base 0 reads it. */
    private static int draws(String word) throws ConfigException {
        if (word.length() <= 6 || word.charAt(6) != '(' || (word.length() > 7 && word.charAt(7) == ')')) {
            return 2;
        }
        String inside = word.substring(7);
        int end = 0;
        int radix = 10;
        int start = 0;
        boolean negative = false;
        if (end < inside.length() && (inside.charAt(end) == '-' || inside.charAt(end) == '+')) {
            negative = inside.charAt(end) == '-';
            end++;
        }
        if (inside.startsWith("0x", end) || inside.startsWith("0X", end)) {
            radix = 16;
            end += 2;
        } else if (inside.startsWith("0", end)) {
            radix = 8;
        }
        start = end;
        while (end < inside.length() && Character.digit(inside.charAt(end), radix) >= 0) {
            end++;
        }
        // strtol() saturates; so many draws are as good as "all of them" anyway
        long value = start == end ? 0 : end - start > 9 ? Integer.MAX_VALUE : Long.parseLong(inside.substring(start, end), radix);
        value = negative ? -value : value;
        if (end >= inside.length()) {
            throw new ConfigException("balance random : missing closing parenthesis.");
        }
        if (inside.charAt(end) != ')') {
            throw new ConfigException("balance random : unexpected character '" + inside.charAt(end)
                    + "' after argument.");
        }
        if (value < 1) {
            throw new ConfigException("balance random : number of draws must be at least 1.");
        }
        return (int) Math.min(value, Integer.MAX_VALUE);
    }

    /** {@code uri [len <n>] [depth <n>] [whole] [path-only]}, in any order. */
    private static Choice uri(KeywordContext line) throws ConfigException {
        int length = 0;
        int depth = 0;
        boolean whole = false;
        boolean pathOnly = false;
        int arg = 2;
        while (!line.arg(arg).isEmpty()) {
            String word = line.arg(arg);
            switch (word) {
                case "len", "depth" -> {
                    int value = (int) CNumbers.atol(line.arg(arg + 1));
                    if (line.arg(arg + 1).isEmpty() || value <= 0) {
                        throw new ConfigException("balance uri : '" + word + "' expects a positive integer (got '"
                                + line.arg(arg + 1) + "').");
                    }
                    if (word.equals("len")) {
                        length = value;
                    } else {
                        depth = value;
                    }
                    arg += 2;
                }
                case "whole" -> {
                    whole = true;
                    arg++;
                }
                case "path-only" -> {
                    pathOnly = true;
                    arg++;
                }
                default -> throw new ConfigException("balance uri only accepts parameters 'len', 'depth', 'path-only', "
                        + "and 'whole' (got '" + word + "').");
            }
        }
        return new Choice(BalanceAlgorithm.URI, args("", length, depth, whole, pathOnly, false, false, 2));
    }

    /** {@code balance hash <expr>}: compiled for the request, where HAProxy evaluates it (after the backend is chosen). */
    private static SampleExpression expression(KeywordContext line, ProxySection proxy, String text)
            throws ConfigException {
        SampleExpression compiled;
        try {
            compiled = new ProxyRuleCompiler(line, proxy).expression(text);
        } catch (ConfigException e) {
            throw new ConfigException("failed to parse 'balance hash' expression '" + text + "' in : "
                    + e.getMessage());
        }
        if (!compiled.usableIn().contains(Phase.HTTP_REQUEST) && !compiled.usableIn().contains(Phase.REQUEST_CONTENT)) {
            throw new ConfigException("error detected while parsing 'balance hash' expression '" + text
                    + "' which requires information not available when a server is chosen.");
        }
        return compiled;
    }

    /** {@code hash-type map-based|consistent [<function> [avalanche]]}: consistent alone means sdbm with avalanche. */
    private static HashType hashType(KeywordContext line) throws ConfigException {
        boolean consistent = switch (line.arg(1)) {
            case "consistent" -> true;
            case "map-based" -> false;
            case "avalanche" -> throw new ConfigException("experimental feature 'hash-type avalanche' is not supported "
                    + "anymore, please use 'hash-type map-based sdbm avalanche' instead.");
            default -> throw new ConfigException("'hash-type' only supports 'consistent' and 'map-based'.");
        };
        if (line.arg(2).isEmpty()) {
            return new HashType(consistent, HashType.Function.SDBM, consistent);
        }
        HashType.Function function = switch (line.arg(2)) {
            case "sdbm" -> HashType.Function.SDBM;
            case "djb2" -> HashType.Function.DJB2;
            case "wt6" -> HashType.Function.WT6;
            case "crc32" -> HashType.Function.CRC32;
            case "none" -> HashType.Function.NONE;
            default -> throw new ConfigException("'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.");
        };
        if (!line.arg(3).isEmpty() && !line.arg(3).equals("avalanche")) {
            throw new ConfigException("'hash-type' only supports 'avalanche' as a modifier for hash functions.");
        }
        return new HashType(consistent, function, line.arg(3).equals("avalanche"));
    }

}
