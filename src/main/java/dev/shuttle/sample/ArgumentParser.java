package dev.shuttle.sample;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.lang.TimeValue;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the parenthesised arguments of one fetch or converter, {@code name(arg1,arg2)}, and
 * converts each to its {@link ArgType} (configuration.txt §2.2, end: "The keyword argument parser
 * is exactly the same as the top-level one regarding quotes, except that the \#, \$, and \xNN
 * escapes are not processed"; §7.3: arguments are "strongly typed and are checked when the
 * configuration is parsed").
 *
 * <p>Lexical rules, as haproxy 2.6 applies them: arguments end at a top-level {@code ,} or
 * {@code )}; {@code '...'} quotes everything; {@code "..."} quotes but still reads
 * {@code \"}, {@code \'}, {@code \\} and {@code \t \n \r}; outside quotes a backslash escapes a
 * quote, a backslash or a space, and reads {@code \t \n \r}; any other backslash stays as it is
 * ({@code \,} is a backslash then a delimiter). Spaces are kept. Quotes may open mid-argument
 * ({@code a"x,y"b} is {@code ax,yb}).
 *
 * <p>Empty arguments: an empty string argument is the empty string, a lone one in {@code ()}
 * included: haproxy 2.6 reads {@code req.hdr()} as an empty name (every header) where
 * {@code req.hdr}, without parentheses, has no argument at all (and finds nothing). An empty
 * argument of another type is "got nothing" where it is required, and ends the list where it is
 * optional ({@code sha2()} is {@code sha2}).
 */
final class ArgumentParser {
    private ArgumentParser() {}

    /** The parsed arguments and the index just after them in the expression text. */
    record Result(Arguments arguments, int end) {}

    /** What is being parsed, for HAProxy's messages. */
    record Owner(String keyword, boolean converter, List<ArgType> types, int required, Arguments.Checker checker) {
        SampleCompileException argumentError(int position, String message) {
            return new SampleCompileException(converter
                    ? "invalid arg " + position + " in converter '" + keyword + "' : " + message
                    : "fetch method '" + keyword + "' : " + message);
        }

        SampleCompileException checkError(String message) {
            return new SampleCompileException("invalid args in " + (converter ? "converter" : "fetch method")
                    + " '" + keyword + "' : " + message);
        }
    }

    /** One argument as scanned: its text once quotes and escapes are resolved. */
    private record Word(String text, boolean rawEmpty, int end) {}

    /**
     * Parses the arguments starting at {@code start} (the character after the keyword: either
     * {@code (} or whatever follows a keyword written without parentheses).
     */
    static Result parse(String text, int start, Owner owner, CompileScope scope) throws SampleCompileException {
        boolean parens = start < text.length() && text.charAt(start) == '(';
        int i = parens ? start + 1 : start;
        List<ArgType> types = owner.types();
        List<Object> values = new ArrayList<>(types.size());
        while (values.size() < types.size()) {
            int position = values.size() + 1;
            ArgType type = types.get(values.size());
            Word word = parens ? scan(text, i) : new Word("", true, i);
            if (word.rawEmpty()) {
                boolean required = values.size() < owner.required();
                if (!isStringLike(type)) {
                    if (required) {
                        throw owner.argumentError(position, "expected type '" + typeName(type) + "' at position "
                                + position + ", but got nothing");
                    }
                    break;
                }
                if (!required && !parens) {
                    break; // "req.hdr": no argument at all
                }
            }
            values.add(convert(word.text(), type, position, owner, scope));
            i = word.end();
            if (parens && i < text.length() && text.charAt(i) == ',' && values.size() < types.size()) {
                i++;
                continue;
            }
            break;
        }
        if (values.size() < owner.required()) {
            throw owner.argumentError(values.size() + 1, "missing arguments (got " + values.size() + "/"
                    + owner.required() + "), type '" + typeName(types.get(values.size())) + "' expected");
        }
        if (parens) {
            int position = Math.max(values.size(), 1);
            if (i >= text.length()) {
                throw owner.argumentError(position, "expected ')'");
            }
            if (text.charAt(i) != ')') {
                throw owner.argumentError(position, "expected ')' before '" + text.substring(i) + "'");
            }
            i++;
        }
        while (values.size() < types.size()) {
            values.add(null);
        }
        try {
            return new Result(owner.checker().check(new Arguments(values)), i);
        } catch (SampleCompileException refused) {
            throw owner.checkError(refused.getMessage());
        }
    }

    /** Scans one argument from {@code start} to the next top-level {@code ,} or {@code )}, or the end. */
    private static Word scan(String text, int start) {
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ',' || c == ')') {
                break;
            }
            if (c == '\'') {
                quoted = true;
                int close = text.indexOf('\'', i + 1);
                int end = close < 0 ? text.length() : close;
                word.append(text, i + 1, end);
                i = close < 0 ? end : end + 1;
            } else if (c == '"') {
                quoted = true;
                i = scanWeaklyQuoted(text, i + 1, word);
            } else if (c == '\\' && i + 1 < text.length()) {
                i = escape(text, i, word, "\\'\" ");
            } else {
                word.append(c);
                i++;
            }
        }
        return new Word(word.toString(), word.isEmpty() && !quoted, i);
    }

    /** Reads a {@code "..."} section from just after its opening quote; returns the index after the closing one. */
    private static int scanWeaklyQuoted(String text, int i, StringBuilder word) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < text.length()) {
                i = escape(text, i, word, "\\'\"");
            } else {
                word.append(c);
                i++;
            }
        }
        return i;
    }

    /** Reads the escape at {@code i} (a backslash); returns the index after it. */
    private static int escape(String text, int i, StringBuilder word, String literal) {
        char next = text.charAt(i + 1);
        if (literal.indexOf(next) >= 0) {
            word.append(next);
            return i + 2;
        }
        switch (next) {
            case 't' -> word.append('\t');
            case 'n' -> word.append('\n');
            case 'r' -> word.append('\r');
            default -> {
                word.append('\\');
                return i + 1;
            }
        }
        return i + 2;
    }

    private static boolean isStringLike(ArgType type) {
        return switch (type) {
            case SINT, TIME, SIZE, IPV4, MSK4, IPV6, MSK6 -> false;
            case STR, REG, VAR, MAP, BACKEND, FRONTEND, SERVER, ACL -> true;
        };
    }

    /** The type names HAProxy uses in its argument messages. */
    static String typeName(ArgType type) {
        return switch (type) {
            case STR -> "string";
            case SINT -> "integer";
            case TIME -> "delay";
            case SIZE -> "size";
            case IPV4 -> "IPv4 address";
            case MSK4 -> "IPv4 mask";
            case IPV6 -> "IPv6 address";
            case MSK6 -> "IPv6 mask";
            case REG -> "regex";
            case VAR -> "variable";
            case MAP -> "map";
            case BACKEND -> "backend";
            case FRONTEND -> "frontend";
            case SERVER -> "server";
            case ACL -> "acl";
        };
    }

    private static Object convert(String word, ArgType type, int position, Owner owner, CompileScope scope)
            throws SampleCompileException {
        Object value = switch (type) {
            case STR -> word;
            case SINT -> parseInteger(word).orElse(null);
            case TIME -> parseTime(word, owner.keyword(), true);
            case SIZE -> parseTime(word, owner.keyword(), false);
            case IPV4 -> address(Casts.parseIpv4(word));
            case IPV6 -> address(Casts.parseIpv6(word));
            case MSK4 -> mask(word, 4);
            case MSK6 -> mask(word, 16);
            case REG -> regex(word, owner);
            case VAR -> variable(word).orElseThrow(() -> owner.checkError(variableError(word)));
            case MAP -> loadMap(word, owner, scope);
            case BACKEND, FRONTEND, SERVER -> word.isEmpty() ? null : word;
            case ACL -> aclReference(word, owner, scope);
        };
        if (value == null && !isStringLike(type)) {
            throw owner.argumentError(position, "failed to parse '" + word + "' as type '" + typeName(type)
                    + "' at position " + position);
        }
        return value;
    }

    /**
     * HAProxy's integer syntax for arguments: an optional sign and decimal digits only
     * ({@code 010} is ten, {@code 0x10} and {@code " 5"} are refused); out-of-range values saturate.
     */
    static Optional<Long> parseInteger(String word) {
        int digits = word.startsWith("-") || word.startsWith("+") ? 1 : 0;
        if (digits == word.length()) {
            return Optional.empty();
        }
        for (int i = digits; i < word.length(); i++) {
            if (word.charAt(i) < '0' || word.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Casts.leadingInteger(word));
    }

    private static Long parseTime(String word, String keyword, boolean time) {
        try {
            return time ? TimeValue.parseMillis(word, keyword) : TimeValue.parseSize(word, keyword);
        } catch (ConfigException invalid) {
            return null;
        }
    }

    private static InetAddress address(byte[] raw) {
        if (raw == null) {
            return null;
        }
        try {
            return raw.length == 16 ? Inet6Address.getByAddress(null, raw, -1) : InetAddress.getByAddress(raw);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    /**
     * A mask of {@code length} bytes (4 for IPv4, 16 for IPv6): a prefix length ({@code 24}, up to
     * 32 or 128), or the mask written as an address of its family ({@code 255.255.0.0},
     * {@code ffff:ffff::}). haproxy 2.6 takes any mask in the address form, contiguous or not
     * ({@code 255.0.255.0} keeps the first and third bytes), and applies it bit by bit.
     */
    static byte[] mask(String word, int length) {
        Optional<Long> bits = parseInteger(word);
        if (bits.isPresent()) {
            return bits.get() >= 0 && bits.get() <= 8L * length ? prefixMask(bits.get().intValue(), length) : null;
        }
        return length == 4 ? Casts.parseIpv4(word) : Casts.parseIpv6(word);
    }

    /** The mask of {@code length} bytes whose first {@code bits} bits are set. */
    static byte[] prefixMask(int bits, int length) {
        byte[] mask = new byte[length];
        for (int i = 0; i < length; i++) {
            mask[i] = (byte) (0xff << (8 - Math.max(0, Math.min(8, bits - 8 * i))));
        }
        return mask;
    }

    /**
     * A Java regular expression. HAProxy uses PCRE; the common syntax is the same, but Java lacks
     * PCRE's recursion, callouts and {@code \K}, and reads a few escapes differently (e.g.
     * {@code \Q...\E} is Java-only, possessive quantifiers and atomic groups exist in both).
     */
    private static Pattern regex(String word, Owner owner) throws SampleCompileException {
        try {
            return Pattern.compile(word);
        } catch (PatternSyntaxException invalid) {
            throw owner.checkError("regex '" + word + "' is invalid (error=" + invalid.getDescription()
                    + ", erroffset=" + Math.max(invalid.getIndex(), 0) + ")");
        }
    }

    /** A variable name, {@code scope.name}, the name made of letters, digits, {@code .} and {@code _}. */
    static Optional<VariableName> variable(String word) {
        int dot = word.indexOf('.');
        if (dot < 0 || dot == word.length() - 1) {
            return Optional.empty();
        }
        return VariableStore.Scope.fromPrefix(word.substring(0, dot))
                .filter(scope -> invalidNameCharacter(word, dot + 1) < 0)
                .map(scope -> new VariableName(scope, word.substring(dot + 1)));
    }

    /** HAProxy's complaint about a variable name {@link #variable} refused. */
    static String variableError(String word) {
        int dot = word.indexOf('.');
        boolean scoped = dot > 0 && dot < word.length() - 1
                && VariableStore.Scope.fromPrefix(word.substring(0, dot)).isPresent();
        if (scoped) {
            return "invalid syntax at char '" + word.substring(invalidNameCharacter(word, dot + 1)) + "'";
        }
        return "invalid variable name '" + word + "'. A variable name must be start by its scope. "
                + "The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'";
    }

    private static int invalidNameCharacter(String word, int from) {
        for (int i = from; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_')) {
                return i;
            }
        }
        return -1;
    }

    /** {@code [!]name}: the named ACL, which must already be declared (HAProxy: "ACL 'x' not found"). */
    private static Object aclReference(String word, Owner owner, CompileScope scope) throws SampleCompileException {
        boolean negated = word.startsWith("!");
        String name = negated ? word.substring(1) : word;
        java.util.Optional<java.util.function.Predicate<SampleContext>> acl = scope.acls().find(name);
        if (acl.isEmpty()) {
            throw owner.checkError("ACL '" + name + "' not found");
        }
        return new AclLookup.Reference(name, negated, acl.get());
    }

    private static Object loadMap(String word, Owner owner, CompileScope scope) throws SampleCompileException {
        try {
            return scope.maps().load(scope.resolve(word));
        } catch (SampleCompileException failed) {
            throw owner.checkError(failed.getMessage());
        }
    }
}
