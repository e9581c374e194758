package dev.shuttle.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled sample expression: one fetch with its arguments, then converters with theirs, all
 * checked and converted by {@link SampleCompiler}. Evaluating it parses nothing and compiles
 * nothing: it calls the fetch, then for each converter casts the value to the type the converter
 * takes ({@link Casts}) and converts it. A fetch that finds nothing, a cast that fails or a
 * converter that cannot convert leaves the expression without a value.
 *
 * <p>A fetch evaluated where it does not work ({@link FetchDefinition#usableIn}) finds nothing,
 * whatever the stream still holds: haproxy 2.6 only warns that {@code { req.hdr(x) y }} in an
 * {@code http-response} rule "will never match", and indeed it never does, the request being
 * gone by then; Shuttle keeps the request, so it must refuse to look.
 */
final class CompiledExpression implements SampleExpression {
    /** One converter call. */
    record Step(ConverterDefinition converter, Arguments arguments) {}

    private final String text;
    private final FetchDefinition fetch;
    private final Arguments fetchArguments;
    private final Step[] steps;
    private final SampleType outputType;

    CompiledExpression(String text, FetchDefinition fetch, Arguments fetchArguments, List<Step> steps,
                       SampleType outputType) {
        this.text = text;
        this.fetch = fetch;
        this.fetchArguments = fetchArguments;
        this.steps = steps.toArray(Step[]::new);
        this.outputType = outputType;
    }

    @Override
    public Optional<Sample> evaluate(SampleContext context) {
        if (!fetch.usableIn().contains(context.phase())) {
            return Optional.empty();
        }
        List<Sample> fetched = fetch.function().fetch(fetchArguments, context, false);
        if (fetched.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(convert(fetched.get(0), context));
    }

    @Override
    public List<Sample> evaluateAll(SampleContext context) {
        if (!fetch.usableIn().contains(context.phase())) {
            return List.of();
        }
        List<Sample> fetched = fetch.function().fetch(fetchArguments, context, true);
        if (steps.length == 0) {
            return fetched;
        }
        List<Sample> converted = new ArrayList<>(fetched.size());
        for (Sample value : fetched) {
            Sample result = convert(value, context);
            if (result != null) {
                converted.add(result);
            }
        }
        return converted;
    }

    @Override
    public Optional<Sample> applyConverters(Sample input, SampleContext context) {
        return Optional.ofNullable(convert(input, context));
    }

    /** Runs the converters over one fetched value; null when one of them gives nothing. */
    private Sample convert(Sample value, SampleContext context) {
        Sample current = value;
        for (Step step : steps) {
            Sample input = Casts.inputFor(current, step.converter());
            if (input == null) {
                return null;
            }
            Optional<Sample> output = step.converter().function().convert(input, step.arguments(), context);
            if (output.isEmpty()) {
                return null;
            }
            current = output.get();
        }
        return current;
    }

    @Override
    public SampleType outputType() {
        return outputType;
    }

    @Override
    public Set<Phase> usableIn() {
        return fetch.usableIn();
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public List<ProxyReference> proxyReferences() {
        List<ProxyReference> references = new ArrayList<>();
        addReferences(references, fetch.name(), false, fetch.argTypes(), fetchArguments);
        for (Step step : steps) {
            addReferences(references, step.converter().name(), true, step.converter().argTypes(), step.arguments());
        }
        return references;
    }

    private static void addReferences(List<ProxyReference> references, String keyword, boolean converter,
                                      List<ArgType> types, Arguments arguments) {
        for (int i = 0; i < types.size(); i++) {
            ArgType type = types.get(i);
            boolean named = type == ArgType.BACKEND || type == ArgType.FRONTEND || type == ArgType.SERVER;
            if (named) {
                references.add(new ProxyReference(type, arguments.has(i) ? arguments.str(i) : null, keyword,
                        converter, i + 1));
            }
        }
    }

    /** The fetch, for callers that resolve its arguments later (backend names). */
    FetchDefinition fetch() {
        return fetch;
    }

    Arguments fetchArguments() {
        return fetchArguments;
    }

    List<Step> steps() {
        return List.of(steps);
    }

    @Override
    public String toString() {
        return text;
    }
}
