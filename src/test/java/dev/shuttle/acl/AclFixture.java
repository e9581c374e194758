package dev.shuttle.acl;

import dev.shuttle.pattern.AclException;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.sample.ArgType;
import dev.shuttle.sample.ConverterDefinition;
import dev.shuttle.sample.FetchDefinition;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.SampleRegistry;
import dev.shuttle.sample.SampleType;
import dev.shuttle.sample.VariableStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A proxy's ACL scope over stand-in fetches whose values the test sets: {@code path}, {@code url},
 * {@code hdr(name)}, {@code res.hdr(name)}, {@code method}, {@code src}, {@code dst_port},
 * {@code req.body}, {@code req.ver}, {@code req.hdr_val(name)}, {@code always_true},
 * {@code always_false}, {@code var(name)}, and the converter {@code lower}. A fetch without a
 * value set finds nothing. Request fetches work in {@link Phase#HTTP_REQUEST} only, {@code res.hdr}
 * in the response phases, {@code hdr} in both (it follows the direction, like HAProxy's) and
 * reads the same values as {@code req.hdr}, the others everywhere. Matching runs in
 * {@link #context}, in {@link Phase#HTTP_REQUEST} unless a test moves it.
 */
final class AclFixture {
    static final Set<Phase> REQUEST = EnumSet.of(Phase.HTTP_REQUEST);
    static final Set<Phase> RESPONSE = EnumSet.of(Phase.HTTP_RESPONSE, Phase.HTTP_AFTER_RESPONSE);
    static final Set<Phase> ANYWHERE = EnumSet.allOf(Phase.class);

    final Map<String, List<Sample>> values = new HashMap<>();
    /** Where matching runs: its phase decides which fetches work. */
    final SampleContext context = new SampleContext(null, null, null, "test", VariableStore.shared());
    final SampleRegistry registry = new SampleRegistry();
    final List<String> warnings = new ArrayList<>();
    final Path directory;
    final AclScope scope;

    AclFixture(Path directory) {
        this.directory = directory;
        context.phase(Phase.HTTP_REQUEST);
        fetch("path", SampleType.STR, REQUEST, List.of());
        fetch("url", SampleType.STR, REQUEST, List.of());
        fetch("hdr", "hdr", SampleType.STR, EnumSet.of(Phase.HTTP_REQUEST, Phase.HTTP_RESPONSE), List.of(ArgType.STR));
        fetch("req.hdr", "hdr", SampleType.STR, REQUEST, List.of(ArgType.STR));
        fetch("res.hdr", SampleType.STR, RESPONSE, List.of(ArgType.STR));
        fetch("method", SampleType.METH, REQUEST, List.of());
        fetch("req.ver", SampleType.STR, REQUEST, List.of());
        fetch("req.hdr_val", SampleType.SINT, REQUEST, List.of(ArgType.STR));
        fetch("req.body", SampleType.BIN, REQUEST, List.of());
        fetch("src", SampleType.IPV4, ANYWHERE, List.of());
        fetch("dst_port", SampleType.SINT, ANYWHERE, List.of());
        fetch("var", SampleType.STR, ANYWHERE, List.of(ArgType.STR));
        registry.registerFetch(new FetchDefinition("always_true", List.of(), 0, SampleType.BOOL, ANYWHERE,
                (args, context, all) -> List.of(Sample.bool(true))));
        registry.registerFetch(new FetchDefinition("always_false", List.of(), 0, SampleType.BOOL, ANYWHERE,
                (args, context, all) -> List.of(Sample.bool(false))));
        registry.registerConverter(new ConverterDefinition("lower", List.of(), 0, SampleType.STR, SampleType.STR,
                (input, args, context) -> Optional.of(Sample.str(input.asString().toLowerCase()))));
        scope = new AclScope(registry, new PatternFiles(directory), directory, warnings::add);
    }

    /** A fetch returning what {@link #set} gave for "name" or "name(arg)". */
    private void fetch(String name, SampleType type, Set<Phase> phases, List<ArgType> args) {
        fetch(name, name, type, phases, args);
    }

    /** A fetch returning what {@link #set} gave for "key" or "key(arg)". */
    private void fetch(String name, String key, SampleType type, Set<Phase> phases, List<ArgType> args) {
        registry.registerFetch(new FetchDefinition(name, args, 0, type, phases, (arguments, context, all) -> {
            String valueKey = arguments.has(0) ? key + "(" + arguments.str(0) + ")" : key;
            List<Sample> found = values.getOrDefault(valueKey, List.of());
            return all || found.isEmpty() ? found : List.of(found.getLast());
        }));
    }

    AclFixture set(String key, Sample... samples) {
        values.put(key, Arrays.asList(samples));
        return this;
    }

    AclFixture set(String key, String... texts) {
        values.put(key, Arrays.stream(texts).map(Sample::str).toList());
        return this;
    }

    static Sample address(String literal) {
        try {
            byte[] raw = InetAddress.getByName(literal).getAddress();
            return Sample.addressOf(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal);
        }
    }

    /** Declares {@code acl <line>} (the line after the keyword, split on spaces). */
    Acl declare(String line) throws AclException {
        return scope.declare(List.of(line.split(" +")));
    }

    /** Whether a fresh ACL made of {@code line} (criterion onward) matches the values set now. */
    boolean matches(String line) throws AclException {
        return anonymous(line).matches(context);
    }

    Acl anonymous(String line) throws AclException {
        return Acl.anonymous(AclParser.parse(List.of(line.split(" +")), scope));
    }

    /** The message a bad ACL line gives. */
    String error(String line) {
        try {
            declare(line);
        } catch (AclException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + line);
    }

    Path write(String name, String content) {
        try {
            Path file = directory.resolve(name);
            Files.writeString(file, content, StandardCharsets.ISO_8859_1);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AclCondition condition(String text) throws AclException {
        return AclConditions.parse(List.of(text.split(" +")), scope);
    }
}
