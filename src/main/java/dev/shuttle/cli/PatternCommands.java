package dev.shuttle.cli;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.pattern.AclException;
import dev.shuttle.pattern.PatternReference;
import dev.shuttle.pattern.PatternReference.Kind;
import dev.shuttle.pattern.PatternSet;
import dev.shuttle.sample.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The runtime API commands on maps and ACLs (management.txt §9.3: "show map", "get map", "add
 * map", "set map", "del map", "clear map", "prepare map", "commit map" and their "acl" twins).
 * They read and change the shared {@link PatternReference}s; every ACL and map converter built
 * from a reference sees a change on its next lookup. Answers and error texts are HAProxy 3.5's.
 *
 * <p>As in 3.5, {@code help} lists these commands at every level but only an admin session may
 * run them; {@code add map}, {@code set map} and {@code get map|acl} accept any reference (an ACL's
 * file too), the others only a reference used as what they name.
 */
final class PatternCommands {
    /** The texts that differ between the map and the acl form of a command. */
    private enum Flavor {
        MAP("map", Kind.MAP, "Unknown map identifier. Please use #<id> or <file>.", "Missing map identifier.",
                "map identifier"),
        ACL("acl", Kind.ACL, "Unknown ACL identifier. Please use #<id> or <file>.", "Missing ACL identifier.",
                "ACL identifier");

        final String word;
        final Kind kind;
        final String unknown;
        final String missing;
        final String identifier;

        Flavor(String word, Kind kind, String unknown, String missing, String identifier) {
            this.word = word;
            this.kind = kind;
            this.unknown = unknown;
            this.missing = missing;
            this.identifier = identifier;
        }
    }

    /** {@code [@<ver>] rest...}: the version if the first word gives one, and the words after it. */
    private record Versioned(Integer version, List<String> rest) {
        static Versioned of(List<String> args) {
            if (!args.isEmpty() && args.getFirst().startsWith("@")) {
                int version = (int) RuntimeArguments.Prefix.of(args.getFirst().substring(1)).value();
                return new Versioned(version, args.subList(1, args.size()));
            }
            return new Versioned(null, args);
        }
    }

    private PatternCommands() {}

    static void register(CliCommands table, ProcessView process) {
        for (Flavor flavor : Flavor.values()) {
            String w = flavor.word;
            String upper = flavor == Flavor.MAP ? "map" : "ACL";
            table.register(command(List.of("show", w), "show " + w + " [@<ver>] " + (flavor == Flavor.MAP ? "[map]" : "<acl>"),
                    "report available " + w + "s or dump " + (flavor == Flavor.MAP ? "a map's" : "an acl's") + " contents",
                    (args, session, out) -> show(flavor, args, process, out)));
            table.register(command(List.of("get", w), "get " + w + " <" + w + "> <value>",
                    flavor == Flavor.MAP ? "report the keys and values matching a sample for a map"
                            : "report the patterns matching a sample for an ACL",
                    (args, session, out) -> get(flavor, args, process, out)));
            table.register(command(List.of("prepare", w), "prepare " + w + " <" + w + ">",
                    "prepare a new version for atomic " + upper + " replacement",
                    (args, session, out) -> out.append("New version created: ")
                            .append(Integer.toUnsignedString(find(flavor, args.isEmpty() ? "" : args.getFirst(),
                                    process, true).prepare())).append('\n')));
            table.register(command(List.of("commit", w), "commit " + w + " @<ver> <" + w + ">",
                    "commit the " + upper + " at this version", (args, session, out) -> commit(flavor, args, process)));
            table.register(command(List.of("clear", w), "clear " + w + " [@<ver>] <" + w + ">",
                    "clear the contents of this " + w, (args, session, out) -> clear(flavor, args, process)));
            table.register(command(List.of("del", w), "del " + w + " <" + w + "> [<key>|#<ref>]",
                    "delete " + w + " entries matching <key>", (args, session, out) -> delete(flavor, args, process)));
        }
        table.register(command(List.of("add", "map"), "add map [@<ver>] <map> <key> <val>",
                "add a map entry (payload supported instead of key/val)",
                (args, session, out) -> addMap(args, process)));
        table.register(command(List.of("add", "acl"), "add acl [@<ver>] <acl> <pattern>", "add an acl entry",
                (args, session, out) -> addAcl(args, process)));
        table.register(command(List.of("set", "map"), "set map <map> [<key>|#<ref>] <value>", "modify a map entry",
                (args, session, out) -> setMap(args, process)));
    }

    /** Listed at every level, run by admins only (what 3.5 does). */
    private static CliCommand command(List<String> words, String usage, String summary, CliCommand.Handler handler) {
        return new CliCommand(words, usage, summary, CliLevel.USER, (args, session, out) -> {
            if (session.level() != CliLevel.ADMIN) {
                throw new CliException("Permission denied");
            }
            handler.run(args, session, out);
        });
    }

    /** {@code show map|acl}: the list of references, or one version of one reference's entries. */
    private static void show(Flavor flavor, List<String> args, ProcessView process, StringBuilder out)
            throws CliException {
        if (args.isEmpty()) {
            out.append("# id (file) description\n");
            for (PatternReference reference : process.patternReferences()) {
                if (reference.is(flavor.kind)) {
                    out.append(reference.describe()).append('\n');
                }
            }
            return;
        }
        Versioned versioned = Versioned.of(args);
        String name = versioned.rest().isEmpty() ? "" : versioned.rest().getFirst();
        for (PatternReference.Entry entry : find(flavor, name, process, true).entries(versioned.version())) {
            out.append("0x").append(Long.toHexString(entry.uid())).append(' ').append(entry.key());
            if (entry.value() != null) {
                out.append(' ').append(entry.value());
            }
            out.append('\n');
        }
    }

    /**
     * {@code get map|acl <ref> <value>}: one line per user of the reference (each match method),
     * saying whether and what the value matches.
     */
    private static void get(Flavor flavor, List<String> args, ProcessView process, StringBuilder out)
            throws CliException {
        if (args.size() < 2) {
            throw new CliException("Missing " + flavor.identifier + " and/or key.");
        }
        PatternReference reference = find(flavor, args.get(0), process, false);
        Sample input = Sample.str(args.get(1));
        for (PatternReference.Subscriber user : reference.subscribers()) {
            out.append("type=").append(user.method().keyword()).append(", case=")
                    .append(user.ignoreCase() ? "insensitive" : "sensitive");
            Optional<PatternSet.Match> match = user.lookup(input);
            String result = flavor == Flavor.MAP ? "found" : "match";
            if (match.isEmpty()) {
                out.append(", ").append(result).append("=no\n");
                continue;
            }
            PatternSet.Entry entry = match.get().entry();
            out.append(", ").append(result).append("=yes, idx=")
                    .append(PatternSet.indexed(user.method(), entry.pattern()) ? "tree" : "list");
            if (flavor == Flavor.ACL) {
                out.append(", pattern=\"").append(entry.pattern().text()).append("\"\n");
                continue;
            }
            out.append(", key=\"").append(entry.pattern().text()).append("\", value=");
            if (entry.value() == null) {
                out.append("none\n");
            } else {
                out.append('"').append(entry.value().toText()).append("\", type=\"")
                        .append(entry.value().type().name().toLowerCase()).append("\"\n");
            }
        }
    }

    /** {@code add map [@<ver>] <map> <key> <value>}, or {@code <map>} and a payload of "key value" lines. */
    private static void addMap(List<String> args, ProcessView process) throws CliException {
        Versioned versioned = Versioned.of(args);
        List<String> rest = versioned.rest();
        boolean payload = rest.size() == 2 && isPayload(rest.get(1));
        if (rest.size() < 3 && !payload) {
            throw new CliException("'add map' expects three parameters (map identifier, key and value) or one"
                    + " parameter (map identifier) and a payload");
        }
        PatternReference reference = find(Flavor.MAP, rest.getFirst(), process, false);
        if (!payload) {
            add(reference, versioned.version(), List.<String[]>of(new String[] {rest.get(1), rest.get(2)}), Flavor.MAP);
            return;
        }
        // management.txt "add map": on each line the first word is the key, the rest the value.
        // Lines before a bad one are added, as 3.5 does.
        List<String[]> entries = new ArrayList<>();
        String error = null;
        for (String line : rest.get(1).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int blank = indexOfBlank(trimmed);
            if (blank < 0) {
                error = "Missing value for key '" + trimmed + "'.";
                break;
            }
            entries.add(new String[] {trimmed.substring(0, blank), trimmed.substring(blank + 1).stripLeading()});
        }
        add(reference, versioned.version(), entries, Flavor.MAP);
        if (error != null) {
            throw new CliException(error);
        }
    }

    /** {@code add acl [@<ver>] <acl> <pattern>}; 3.5 takes no payload here. */
    private static void addAcl(List<String> args, ProcessView process) throws CliException {
        Versioned versioned = Versioned.of(args);
        List<String> rest = versioned.rest();
        if (rest.size() < 2 || isPayload(rest.get(1))) {
            throw new CliException("'add acl' expects two parameters: ACL identifier and pattern.");
        }
        PatternReference reference = find(Flavor.ACL, rest.getFirst(), process, false);
        if (reference.is(Kind.MAP)) {
            throw new CliException("This ACL is shared with a map containing samples. You must use the command"
                    + " 'add map' to add values.");
        }
        add(reference, versioned.version(), List.<String[]>of(new String[] {rest.get(1), null}), Flavor.ACL);
    }

    private static void add(PatternReference reference, Integer version, List<String[]> entries, Flavor flavor)
            throws CliException {
        try {
            reference.add(version, entries);
        } catch (AclException e) {
            String message = e.getMessage().replace("'prepare map'", "'prepare " + flavor.word + "'");
            throw new CliException(message.endsWith(".") ? message : message + ".");
        }
    }

    /** {@code set map <map> <key>|#<ref> <value>}: the value of every current entry with that key, or of one entry. */
    private static void setMap(List<String> args, ProcessView process) throws CliException {
        if (args.size() < 3) {
            throw new CliException("'set map' expects three parameters: map identifier, key and value.");
        }
        PatternReference reference = find(Flavor.MAP, args.get(0), process, false);
        boolean byRef = args.get(1).startsWith("#");
        int changed;
        try {
            changed = reference.setValue(select(args.get(1)), args.get(2));
        } catch (AclException e) {
            throw new CliException(e.getMessage() + ".");
        }
        if (changed == 0) {
            throw new CliException(byRef ? "key or pattern not found." : "entry not found.");
        }
    }

    /** {@code del map|acl <ref> <key>|#<ref>}. */
    private static void delete(Flavor flavor, List<String> args, ProcessView process) throws CliException {
        if (args.size() < 2) {
            throw new CliException("This command expects two parameters: " + flavor.identifier + " and key.");
        }
        PatternReference reference = find(flavor, args.get(0), process, true);
        if (reference.delete(null, select(args.get(1))) == 0) {
            throw new CliException("Key not found.");
        }
    }

    /** {@code clear map|acl [@<ver>] <ref>}: every entry of that version (the current one by default). */
    private static void clear(Flavor flavor, List<String> args, ProcessView process) throws CliException {
        Versioned versioned = Versioned.of(args);
        if (versioned.rest().isEmpty()) {
            throw new CliException(flavor.missing);
        }
        find(flavor, versioned.rest().getFirst(), process, true).delete(versioned.version(), entry -> true);
    }

    /** {@code commit map|acl @<ver> <ref>}. */
    private static void commit(Flavor flavor, List<String> args, ProcessView process) throws CliException {
        Versioned versioned = Versioned.of(args);
        if (versioned.version() == null) {
            throw new CliException("Missing version number.");
        }
        if (versioned.rest().isEmpty()) {
            throw new CliException(flavor.missing);
        }
        try {
            find(flavor, versioned.rest().getFirst(), process, true).commit(versioned.version());
        } catch (AclException e) {
            throw new CliException(e.getMessage());
        }
    }

    /**
     * The entries a {@code <key>} or {@code #<ref>} names: the uid as {@code show map} prints it
     * ({@code #0x5000002a}), or every entry whose key is that text.
     */
    private static Predicate<PatternReference.Entry> select(String keyOrRef) {
        if (!keyOrRef.startsWith("#")) {
            return entry -> entry.key().equals(keyOrRef);
        }
        String number = keyOrRef.substring(1);
        long uid;
        try {
            uid = number.startsWith("0x") || number.startsWith("0X") ? Long.parseUnsignedLong(number.substring(2), 16)
                    : Long.parseLong(number);
        } catch (NumberFormatException e) {
            return entry -> false;
        }
        return entry -> entry.uid() == uid;
    }

    /**
     * The reference that {@code #<id>} or a file name designates.
     *
     * @param ofKind whether it must be used as the flavor names it (an ACL for "acl" commands)
     */
    private static PatternReference find(Flavor flavor, String name, ProcessView process, boolean ofKind)
            throws CliException {
        boolean byId = name.startsWith("#");
        int id = byId ? RuntimeArguments.atoi(name.substring(1)) : -1;
        for (PatternReference reference : process.patternReferences()) {
            boolean named = byId ? reference.id() == id : !name.isEmpty() && reference.file().equals(name);
            if (named && (!ofKind || reference.is(flavor.kind))) {
                return reference;
            }
        }
        throw new CliException(flavor.unknown);
    }

    /** A payload ({@code <<}) arrives as the last argument; an ordinary word is never empty nor spans lines. */
    private static boolean isPayload(String argument) {
        return argument.isEmpty() || argument.indexOf('\n') >= 0;
    }

    private static int indexOfBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
