package dev.shuttle.pattern;

import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map file as read (its key/value lines in file order), and the tables built from it, one per
 * match method and output type, each built once however many converters use it.
 */
public final class MapFile {
    private record TableKey(MatchMethod method, SampleType output, boolean substituteGroups) {}

    /** Map keys never go to DNS: a name where an address is expected is an error, not a lookup. */
    private static final PatternParser.Options MAP_KEYS = new PatternParser.Options(false, true);

    private final String name;
    private final List<PatternFiles.Line> lines;
    private final Map<TableKey, MapTable> tables = new ConcurrentHashMap<>();

    MapFile(String name, List<PatternFiles.Line> lines) {
        this.name = name;
        this.lines = lines;
    }

    public String name() {
        return name;
    }

    public List<PatternFiles.Line> lines() {
        return lines;
    }

    /**
     * The table for a map converter: keys parsed for {@code method}, values for {@code output}
     * (STR, SINT, or IPV4 for an address of either family), with {@code \1} back-references for {@code map_regm}.
     *
     * @throws AclException with HAProxy's message for the first bad line, e.g.
     *         {@code 'x' is not a number at line 2 of file 'f.map'} (values are checked before keys, as 2.6 does)
     */
    public MapTable table(MatchMethod method, SampleType output, boolean substituteGroups) throws AclException {
        TableKey key = new TableKey(method, output, substituteGroups);
        MapTable table = tables.get(key);
        if (table == null) {
            table = build(method, output, substituteGroups);
            tables.put(key, table);
        }
        return table;
    }

    private MapTable build(MatchMethod method, SampleType output, boolean substituteGroups) throws AclException {
        PatternSet.Builder keys = PatternSet.builder(method);
        for (PatternFiles.Line line : lines) {
            Sample value = parseValue(line.value(), output)
                    .orElseThrow(() -> new AclException("unable to parse '" + line.value() + "'" + at(line)));
            keys.add(parseKey(line, method, MAP_KEYS), value);
        }
        return new MapTable(name, keys.build(), substituteGroups);
    }

    /** Parses one key (or {@code -M} pattern), naming the line and file on error. */
    MatchPattern parseKey(PatternFiles.Line line, MatchMethod method, PatternParser.Options options) throws AclException {
        try {
            return PatternParser.parse(line.key(), method, options);
        } catch (AclException e) {
            throw new AclException(e.getMessage() + at(line));
        }
    }

    private String at(PatternFiles.Line line) {
        return " at line " + line.number() + " of file '" + name + "'";
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
