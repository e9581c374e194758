package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import dev.shuttle.pattern.AclException;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.pattern.PatternReference;
import dev.shuttle.sample.LogFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code set-map(<file>) <key fmt> <value fmt>}, {@code del-map(<file>) <key fmt>},
 * {@code add-acl(<file>) <key fmt>} and {@code del-acl(<file>) <key fmt>} (configuration.txt
 * §4.3): the runtime API's {@code set map}, {@code del map}, {@code add acl} and {@code del acl}
 * triggered by a request or a response. They change the shared {@link PatternReference} of the
 * file, so every ACL and map converter that names it sees the change on its next lookup.
 *
 * <p>The file is looked up by name when the action first runs (an ACL or a map converter may
 * name it after the rule, as HAProxy resolves it after reading the whole configuration); a file
 * that no ACL or map loads leaves the action without effect, as in HAProxy 3.5. An entry that a
 * user of the file cannot read (a key that is no address for an {@code ip} ACL) is not added.
 * The reference's lock is taken for the change, and its users rebuild their index: cheap for the
 * small, often-changed lists these actions are meant for.
 */
final class MapActions {
    private MapActions() {}

    private enum Operation { SET_MAP, DEL_MAP, ADD_ACL, DEL_ACL }

    static void register(ActionRegistry registry) {
        for (RuleKind kind : List.of(RuleKind.HTTP_REQUEST, RuleKind.HTTP_RESPONSE, RuleKind.HTTP_AFTER_RESPONSE)) {
            registry.register(kind, "set-map", (words, compiler) -> parse(words, compiler, Operation.SET_MAP));
            registry.register(kind, "del-map", (words, compiler) -> parse(words, compiler, Operation.DEL_MAP));
            if (kind != RuleKind.HTTP_AFTER_RESPONSE) {
                registry.register(kind, "add-acl", (words, compiler) -> parse(words, compiler, Operation.ADD_ACL));
                registry.register(kind, "del-acl", (words, compiler) -> parse(words, compiler, Operation.DEL_ACL));
            }
        }
    }

    /** The file's reference, found on first use and kept. */
    private static final class Target {
        private final PatternFiles files;
        private final String name;
        private volatile PatternReference found;

        Target(PatternFiles files, String name) {
            this.files = files;
            this.name = name;
        }

        Optional<PatternReference> reference() {
            PatternReference reference = found;
            if (reference == null) {
                reference = files.find(name).orElse(null);
                found = reference;
            }
            return Optional.ofNullable(reference);
        }
    }

    private static Action parse(List<String> words, RuleCompiler compiler, Operation operation) throws ConfigException {
        String word = words.getFirst();
        String keyword = Call.keywordOf(word);
        int open = word.indexOf('(');
        if (open < 0 || !word.endsWith(")") || open + 1 == word.length() - 1) {
            throw new ConfigException("'" + keyword + "' expects a file name in parentheses, as '" + keyword
                    + "(/etc/haproxy/hosts.map)'.");
        }
        boolean withValue = operation == Operation.SET_MAP;
        if (words.size() != (withValue ? 3 : 2)) {
            throw new ConfigException("'" + keyword + "' expects " + (withValue ? "a key and a value" : "a key")
                    + " (log-format strings).");
        }
        Target target = new Target(compiler.patternFiles(), word.substring(open + 1, word.length() - 1));
        LogFormat key = compiler.logFormat(words.get(1), LogFormat.Mode.TEXT);
        LogFormat value = withValue ? compiler.logFormat(words.get(2), LogFormat.Mode.TEXT) : null;
        return context -> {
            Optional<PatternReference> reference = target.reference();
            if (reference.isPresent()) {
                apply(reference.get(), operation, key.render(context), value == null ? null : value.render(context));
            }
            return Verdict.CONTINUE;
        };
    }

    private static void apply(PatternReference reference, Operation operation, String key, String value) {
        try {
            switch (operation) {
                case SET_MAP -> {
                    if (reference.setValue(entry -> entry.key().equals(key), value) == 0) {
                        reference.add(null, List.<String[]>of(new String[] {key, value}));
                    }
                }
                case ADD_ACL -> {
                    if (reference.visible().stream().noneMatch(entry -> entry.key().equals(key))) {
                        reference.add(null, List.<String[]>of(new String[] {key, null}));
                    }
                }
                case DEL_MAP, DEL_ACL -> reference.delete(null, entry -> entry.key().equals(key));
            }
        } catch (AclException unreadable) {
            // a user of the file cannot read this entry: it is not added, as in HAProxy
        }
    }
}
