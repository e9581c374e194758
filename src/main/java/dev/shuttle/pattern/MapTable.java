package dev.shuttle.pattern;

import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.MatchResult;

/**
 * One map file indexed for one match method, with its values already parsed to the converter's
 * output type: what the {@code map*} converters look their input up in. It follows its file's
 * {@link PatternReference}: the runtime API's changes replace the index whole (copy on write), so
 * a lookup is one volatile read and no lock.
 */
public final class MapTable implements PatternReference.Subscriber {
    /** Map keys never go to DNS: a name where an address is expected is an error, not a lookup. */
    static final PatternParser.Options MAP_KEYS = new PatternParser.Options(false, true);

    private final String fileName;
    private final MatchMethod method;
    private final SampleType output;
    private final boolean substituteGroups;
    /** {@code map_*_key}: each entry's value is its key as written in the file (HAProxy 3.x). */
    private final boolean keysAsValues;
    private final PatternReference reference;
    /** Replaced by {@link #rebuild()} under the reference's lock; read without a lock. */
    private volatile PatternSet keys;

    private MapTable(String fileName, PatternReference reference, MatchMethod method, SampleType output,
                     boolean substituteGroups, boolean keysAsValues) {
        this.keysAsValues = keysAsValues;
        this.fileName = fileName;
        this.reference = reference;
        this.method = method;
        this.output = output;
        this.substituteGroups = substituteGroups;
    }

    /**
     * The table of a reference for one method and output, following its changes.
     *
     * @throws AclException with HAProxy's message for the first bad line, e.g.
     *         {@code 'x' is not a number at line 2 of file 'f.map'} (values are checked before keys, as 2.6 does)
     */
    static MapTable follow(String fileName, PatternReference reference, MatchMethod method, SampleType output,
                           boolean substituteGroups, boolean keysAsValues) throws AclException {
        MapTable table = new MapTable(fileName, reference, method, output, substituteGroups, keysAsValues);
        PatternSet.Builder keys = PatternSet.builder(method);
        for (PatternReference.Entry entry : reference.visible()) {
            String at = " at line " + entry.line() + " of file '" + fileName + "'";
            Sample value = (keysAsValues ? Optional.of(Sample.str(entry.key())) : MapFile.parseValue(entry.value(), output))
                    .orElseThrow(() -> new AclException("unable to parse '" + entry.value() + "'" + at));
            try {
                keys.add(PatternParser.parse(entry.key(), method, MAP_KEYS), value);
            } catch (AclException e) {
                throw new AclException(e.getMessage() + at);
            }
        }
        table.keys = keys.build();
        reference.subscribe(table);
        return table;
    }

    public String fileName() {
        return fileName;
    }

    /** The type of the values: STR, SINT, or IPV4 for an address. */
    public SampleType output() {
        return output;
    }

    /** The keys and values now. */
    public PatternSet keys() {
        return keys;
    }

    @Override
    public void check(String key, String value) throws AclException {
        if (!keysAsValues && MapFile.parseValue(value == null ? "" : value, output).isEmpty()) {
            throw new AclException("unable to parse '" + value + "'");
        }
        PatternParser.parse(key, method, MAP_KEYS);
    }

    @Override
    public void rebuild() {
        PatternSet.Builder builder = PatternSet.builder(method);
        for (PatternReference.Entry entry : reference.visible()) {
            Optional<Sample> value = keysAsValues ? Optional.of(Sample.str(entry.key()))
                    : MapFile.parseValue(entry.value() == null ? "" : entry.value(), output);
            try {
                if (value.isPresent()) {
                    builder.add(PatternParser.parse(entry.key(), method, MAP_KEYS), value.get());
                }
            } catch (AclException e) {
                // checked when it was added: cannot happen
            }
        }
        keys = builder.build();
    }

    @Override
    public MatchMethod method() {
        return method;
    }

    @Override
    public boolean ignoreCase() {
        return false;
    }

    @Override
    public Optional<PatternSet.Match> lookup(Sample input) {
        return keys.lookup(input);
    }

    /** The value of the entry {@code input} matches, or empty (the converter then gives its default). */
    public Optional<Sample> find(Sample input) {
        return keys.lookup(input).map(match -> substituteGroups && match.groups().isPresent()
                ? Sample.str(substitute(match.entry().value().asString(), match.groups().get()))
                : match.entry().value());
    }

    /**
     * {@code map_regm}'s value: {@code \0} to {@code \9} are the regex groups (empty when absent),
     * {@code \xHH} is a byte, and a backslash before any other character keeps that character
     * (checked against haproxy 2.6: {@code \\} gives one backslash, {@code \n} gives "n").
     */
    static String substitute(String template, MatchResult groups) {
        StringBuilder out = new StringBuilder(template.length());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c == '\\' ? "" : String.valueOf(c));
                continue;
            }
            char next = template.charAt(++i);
            if (next >= '0' && next <= '9') {
                int group = next - '0';
                String text = group <= groups.groupCount() ? groups.group(group) : null;
                out.append(text == null ? "" : text);
            } else if (next == 'x' && i + 2 < template.length() && isHex(template.charAt(i + 1)) && isHex(template.charAt(i + 2))) {
                out.append((char) HexFormat.fromHexDigits(template, i + 1, i + 3));
                i += 2;
            } else {
                out.append(next);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
