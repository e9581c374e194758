package dev.shuttle.sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles the text of a sample expression, {@code fetch(args),converter(args),...}
 * (configuration.txt §7.3 and §7.3.1), into a {@link SampleExpression}: looks the names up in a
 * {@link SampleRegistry}, parses and checks the arguments ({@link ArgumentParser}), and checks
 * that each converter can take what comes before it ({@link Casts#canCast}). Errors carry
 * haproxy's messages, e.g. {@code unknown fetch method 'foo'} or
 * {@code converter 'add' cannot be applied}.
 *
 * <p>The text is the whole expression, nothing after it: the caller cuts it out of its line (the
 * inside of {@code %[...]}, one word of an ACL).
 */
public final class SampleCompiler {
    private SampleCompiler() {}

    public static SampleExpression compile(String text, SampleRegistry registry, CompileScope scope)
            throws SampleCompileException {
        int end = keywordEnd(text, 0);
        if (end == 0) {
            throw new SampleCompileException("missing fetch method");
        }
        String fetchName = text.substring(0, end);
        FetchDefinition fetch = registry.fetch(fetchName)
                .orElseThrow(() -> new SampleCompileException(RefusedSamples.fetch(fetchName)
                        .orElse("unknown fetch method '" + fetchName + "'")));
        ArgumentParser.Result fetchArguments = ArgumentParser.parse(text, end,
                new ArgumentParser.Owner(fetchName, false, fetch.argTypes(), fetch.requiredArgs(), fetch.checker()), scope);
        int i = fetchArguments.end();
        SampleType type = fetch.outputType();
        List<CompiledExpression.Step> steps = new ArrayList<>();
        String previous = "fetch keyword '" + fetchName + "'";
        while (i < text.length()) {
            if (text.charAt(i) != ',') {
                throw new SampleCompileException("missing comma after " + previous);
            }
            while (i < text.length() && text.charAt(i) == ',') {
                i++; // haproxy 2.6 skips empty converters between commas: "str(a),,lower"
            }
            end = keywordEnd(text, i);
            String name = text.substring(i, end);
            ConverterDefinition converter = registry.converter(name)
                    .orElseThrow(() -> new SampleCompileException(RefusedSamples.converter(name)
                            .orElse("unknown converter '" + name + "'")));
            if (!Casts.canFeed(type, converter)) {
                throw new SampleCompileException("converter '" + name + "' cannot be applied");
            }
            ArgumentParser.Result arguments = ArgumentParser.parse(text, end, new ArgumentParser.Owner(
                    name, true, converter.argTypes(), converter.requiredArgs(), converter.checker()), scope);
            steps.add(new CompiledExpression.Step(converter, arguments.arguments()));
            type = converter.outputType() == null ? type : converter.outputType();
            previous = "converter '" + name + "'";
            i = arguments.end();
        }
        return new CompiledExpression(text, fetch, fetchArguments.arguments(), steps, type);
    }

    /**
     * Where a fetch or converter name starting at {@code start} ends: names are letters, digits,
     * '.', '_', '-' and '+' ({@code base32+src}).
     */
    private static int keywordEnd(String text, int start) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == '-' || c == '+')) {
                break;
            }
            i++;
        }
        return i;
    }
}
