package dev.shuttle.sample;

import java.nio.file.Path;

/**
 * What compiling a sample expression needs from where it is written: the directory relative map
 * paths start from, and how to load a map file.
 *
 * @param baseDirectory where relative map paths are resolved (HAProxy resolves them against its
 *                      working directory unless {@code default-path} says otherwise); null: as given
 * @param maps          loads {@link ArgType#MAP} arguments
 * @param acls          the named ACLs {@link ArgType#ACL} arguments refer to ({@code acl(<name>)})
 */
public record CompileScope(Path baseDirectory, MapLoader maps, AclLookup acls) {
    /** A scope where no ACL can be named. */
    public CompileScope(Path baseDirectory, MapLoader maps) {
        this(baseDirectory, maps, AclLookup.NONE);
    }

    /** No base directory and no map loading: for tests and for expressions that take no map. */
    public static final CompileScope STANDALONE = new CompileScope(null, MapLoader.NONE);

    /** The path a map argument names, resolved against the base directory when relative. */
    public String resolve(String path) {
        if (baseDirectory == null || path.isEmpty() || Path.of(path).isAbsolute()) {
            return path;
        }
        return baseDirectory.resolve(path).toString();
    }
}
