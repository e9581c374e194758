package dev.shuttle.rules;

import dev.shuttle.lang.ConfigException;
import java.util.List;

/**
 * Parses one action keyword's arguments into an {@link Action}.
 *
 * <p>{@code words} holds the action keyword and its arguments (the condition has been cut off):
 * for {@code http-request set-header X-Foo %[src] if local}, {@code ["set-header", "X-Foo", "%[src]"]}.
 */
@FunctionalInterface
public interface ActionParser {
    Action parse(List<String> words, RuleCompiler compiler) throws ConfigException;
}
