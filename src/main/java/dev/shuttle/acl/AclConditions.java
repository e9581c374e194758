package dev.shuttle.acl;

import dev.shuttle.pattern.AclException;
import dev.shuttle.sample.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses the {@code if}/{@code unless} conditions of rules (configuration.txt §7.2) and checks
 * them against the phase of their rule.
 *
 * <p>A condition is a disjunction of AND-groups: {@code [!]acl1 [!]acl2 ... { or | || } ...},
 * where a term is a declared or predefined ACL name, or an anonymous ACL between braces
 * ({@code { path_beg /api }}, braces being words of their own). What haproxy 2.6 accepts, and
 * Shuttle with it: {@code !} may be glued to a name or stand alone before it, and repeated
 * ({@code !!x} is {@code x}); an {@code or} with nothing on one side is ignored; a condition with
 * no term at all ({@code if}, {@code if !}) is false, so {@code unless} alone is true.
 */
public final class AclConditions {
    private AclConditions() {}

    /**
     * Parses a rule's condition.
     *
     * @param words the words from {@code if} or {@code unless} to the end of the rule
     * @return the condition, {@code unless} folded in
     * @throws AclException with the bare reason, e.g. {@code no such ACL : 'x'} or
     *         {@code missing closing '}' in condition}, or an anonymous ACL's parse error. Each rule
     *         words its alert differently in haproxy 2.6; the caller adds its own form and the final
     *         period, e.g. {@code error detected while parsing an 'http-request deny' condition : <reason>.},
     *         {@code error detected while parsing switching rule : <reason>.} (use_backend), or
     *         {@code 'tcp-request content accept' : error detected in frontend 'fe' while parsing 'if' condition : <reason>}
     */
    public static AclCondition parse(List<String> words, AclScope scope) throws AclException {
        if (words.isEmpty() || !(words.getFirst().equals("if") || words.getFirst().equals("unless"))) {
            throw new IllegalArgumentException("a condition starts with 'if' or 'unless': " + words);
        }
        List<List<CompiledCondition.Literal>> groups = new ArrayList<>();
        List<CompiledCondition.Literal> group = null;
        boolean negated = false;
        int i = 1;
        while (i < words.size()) {
            String word = words.get(i);
            if (word.equals("||") || word.equals("or")) {
                group = null;
                i++;
                continue;
            }
            Acl acl;
            while (word.startsWith("!") && word.length() > 1 && word.substring(1).replace("!", "").equals("{")) {
                // "!{" (even "!!{") negates an anonymous ACL, as haproxy 2.6 accepts
                negated = !negated;
                word = word.substring(1);
            }
            if (word.equals("{")) {
                int close = words.subList(i + 1, words.size()).indexOf("}");
                if (close < 0) {
                    throw new AclException("missing closing '}' in condition");
                }
                acl = Acl.anonymous(AclParser.parse(words.subList(i + 1, i + 1 + close), scope));
                i += close + 2;
            } else {
                String name = word;
                while (name.startsWith("!")) {
                    negated = !negated;
                    name = name.substring(1);
                }
                i++;
                if (name.isEmpty()) {
                    continue; // a lone '!' negates the next term
                }
                String wanted = name;
                acl = scope.find(name).orElseThrow(() -> new AclException("no such ACL : '" + wanted + "'"));
            }
            if (group == null) {
                group = new ArrayList<>();
                groups.add(group);
            }
            group.add(new CompiledCondition.Literal(acl, negated));
            negated = false;
        }
        return new CompiledCondition(words.getFirst().equals("unless"), groups, String.join(" ", words));
    }

    /**
     * The warning haproxy 2.6 gives when a condition uses ACLs its rule cannot evaluate, or empty.
     * An ACL none of whose lines can work there "will never match"; failing that, an ACL with some
     * line that cannot is reported as involving an incompatible keyword. The first such ACL in the
     * condition is named.
     *
     * @param where    the rule's place in HAProxy's words, e.g. {@code frontend http-request header rule},
     *                 {@code backend http-response header rule}, {@code frontend use-backend rule},
     *                 {@code frontend tcp-request connection rule}
     * @param tcpRule  for {@code tcp-request}/{@code tcp-response} rules, which word it differently, the
     *                 rule ({@code tcp-request connection}); null for the others
     */
    public static Optional<String> phaseWarning(AclCondition condition, Phase phase, String where, String tcpRule) {
        if (!(condition instanceof CompiledCondition compiled)) {
            return Optional.empty();
        }
        String in = tcpRule == null ? "" : " in '" + tcpRule + "'";
        for (CompiledCondition.Literal literal : compiled.literals()) {
            Acl acl = literal.acl();
            if (!acl.usableIn().contains(phase)) {
                return Optional.of(acl.isAnonymous()
                        ? "anonymous acl will never match" + in + " because it uses keyword '"
                                + acl.terms().getFirst().keyword() + "' which is incompatible with '" + where + "'"
                        : "acl '" + acl.name() + "' will never match" + in
                                + " because it only involves keywords that are incompatible with '" + where + "'");
            }
        }
        for (CompiledCondition.Literal literal : compiled.literals()) {
            for (AclTerm term : literal.acl().terms()) {
                if (!term.usableIn().contains(phase)) {
                    return Optional.of("acl '" + literal.acl().name() + "' involves " + (tcpRule == null ? "keywords" : "keyword")
                            + " '" + term.keyword() + "' which is incompatible with '" + where + "'");
                }
            }
        }
        return Optional.empty();
    }
}
