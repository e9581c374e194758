package dev.shuttle.acl;

import dev.shuttle.pattern.AclException;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.sample.CompileScope;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ACLs of one proxy section while it is parsed, and what parsing them needs: the fetch
 * registry, the pattern and map files of the load, and where warnings go. Conditions look ACL
 * names up here.
 *
 * <p>An ACL must be declared before a condition names it, and belongs to its own section: a
 * frontend does not see the ACLs of its defaults section (both checked against haproxy 2.6). A
 * name not declared may be a predefined ACL (configuration.txt §7.4), instantiated on first use;
 * a declared ACL of the same name hides it.
 */
public final class AclScope {
    /** Receives a warning that HAProxy prints without a file and line (the whole text after "config : "). */
    @FunctionalInterface
    public interface Warnings {
        void warn(String text);
    }

    private final SampleRegistry registry;
    private final PatternFiles files;
    private final Path baseDirectory;
    private final Warnings warnings;
    private final Map<String, Acl> declared = new LinkedHashMap<>();
    private final Map<String, Acl> predefined = new HashMap<>();

    /**
     * @param files         the pattern and map files of this configuration load
     * @param baseDirectory where relative file names are resolved; null for the working directory
     */
    public AclScope(SampleRegistry registry, PatternFiles files, Path baseDirectory, Warnings warnings) {
        this.registry = registry;
        this.files = files;
        this.baseDirectory = baseDirectory;
        this.warnings = warnings;
    }

    public SampleRegistry registry() {
        return registry;
    }

    public PatternFiles files() {
        return files;
    }

    /** What the sample compiler needs for expressions of this proxy: the base directory and this load's maps. */
    public CompileScope compileScope() {
        return new CompileScope(baseDirectory, files, this::findForFetch);
    }

    /** {@code acl(<name>)}: an ACL declared so far, or a predefined one. */
    private Optional<java.util.function.Predicate<SampleContext>> findForFetch(String name)
            throws SampleCompileException {
        try {
            return find(name).map(acl -> acl::matches);
        } catch (AclException e) {
            throw new SampleCompileException(e.getMessage());
        }
    }

    Warnings warnings() {
        return warnings;
    }

    /**
     * Parses one {@code acl <name> <criterion> [flags] [operator] [values]} line and adds it to the
     * ACL of that name (creating it).
     *
     * @param words the line's words after the keyword: the name, the criterion, the rest
     * @throws AclException with the whole of HAProxy's message but its final period, e.g.
     *         {@code error detected while parsing ACL 'x' : 'foo' is not a number}
     */
    public Acl declare(List<String> words) throws AclException {
        String name = words.isEmpty() ? "" : words.getFirst();
        checkName(name);
        AclTerm term;
        try {
            term = AclParser.parse(words.subList(1, words.size()), this);
        } catch (AclException e) {
            throw new AclException("error detected while parsing ACL '" + name + "' : " + e.getMessage());
        }
        Acl acl = declared.computeIfAbsent(name, Acl::new);
        acl.add(term);
        return acl;
    }

    /** configuration.txt §7.1: names are made of letters, digits, '-', '_', '.' and ':'. */
    private static void checkName(String name) throws AclException {
        if (name.isEmpty()) {
            throw new AclException("'acl' expects an ACL name and a criterion");
        }
        for (char c : name.toCharArray()) {
            boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-_.:".indexOf(c) >= 0;
            if (!allowed) {
                throw new AclException("character '" + c + "' is not permitted in acl name '" + name + "'");
            }
        }
    }

    /**
     * The ACL a condition names: a declared one, else a predefined one.
     *
     * @throws AclException when a predefined ACL relies on a fetch Shuttle does not implement
     */
    public Optional<Acl> find(String name) throws AclException {
        Acl acl = declared.get(name);
        if (acl != null) {
            return Optional.of(acl);
        }
        acl = predefined.get(name);
        if (acl == null) {
            Optional<Acl> made = PredefinedAcls.instantiate(name, this);
            if (made.isEmpty()) {
                return Optional.empty();
            }
            acl = made.get();
            predefined.put(name, acl);
        }
        return Optional.of(acl);
    }

    /** The declared ACLs, in the order of their first line. */
    public List<Acl> declared() {
        return List.copyOf(declared.values());
    }
}
