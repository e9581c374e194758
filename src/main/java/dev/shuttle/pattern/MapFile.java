package dev.shuttle.pattern;

import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A map file: its shared {@link PatternReference} (the key/value lines in file order, changed by
 * the runtime API) and the tables built from it, one per match method and output type, each built
 * once however many converters use it.
 */
public final class MapFile {
    private record TableKey(MatchMethod method, SampleType output, boolean substituteGroups, boolean keysAsValues) {}

    private final String name;
    private final PatternReference reference;
    /** Where the configuration is being read, for the reference's list of users. */
    private final Supplier<String> parsingAt;
    private final Map<TableKey, MapTable> tables = new ConcurrentHashMap<>();

    MapFile(String name, PatternReference reference, Supplier<String> parsingAt) {
        this.name = name;
        this.reference = reference;
        this.parsingAt = parsingAt;
    }

    public String name() {
        return name;
    }

    public PatternReference reference() {
        return reference;
    }

    /**
     * The table for a map converter: keys parsed for {@code method}, values for {@code output}
     * (STR, SINT, or IPV4 for an address of either family), with {@code \1} back-references for
     * {@code map_regm}. Each call is one more user of the file (one converter).
     *
     * @throws AclException with HAProxy's message for the first bad line, e.g.
     *         {@code 'x' is not a number at line 2 of file 'f.map'} (values are checked before keys, as 2.6 does)
     */
    public MapTable table(MatchMethod method, SampleType output, boolean substituteGroups) throws AclException {
        return table(method, output, substituteGroups, false);
    }

    /** The table of {@code map_<method>_key}: the value of each entry is its key as written (STR). */
    public MapTable keyTable(MatchMethod method) throws AclException {
        return table(method, SampleType.STR, false, true);
    }

    private MapTable table(MatchMethod method, SampleType output, boolean substituteGroups, boolean keysAsValues)
            throws AclException {
        TableKey key = new TableKey(method, output, substituteGroups, keysAsValues);
        MapTable table = tables.get(key);
        if (table == null) {
            table = MapTable.follow(name, reference, method, output, substituteGroups, keysAsValues);
            tables.put(key, table);
        }
        reference.addUse(PatternReference.Kind.MAP, parsingAt.get());
        return table;
    }

    /** An address value or default: IPv4 or IPv6 (an IPv6 literal stays IPv6). */
    public static Optional<Sample> parseAddress(String text) {
        return IpNetwork.parseLiteral(text).map(Sample::addressOf);
    }

    static Optional<Sample> parseValue(String text, SampleType output) {
        return switch (output) {
            case STR -> Optional.of(Sample.str(text));
            case SINT -> PatternParser.number(text).map(Sample::sint);
            case IPV4, IPV6 -> parseAddress(text);
            default -> throw new IllegalArgumentException("no map gives " + output);
        };
    }
}
