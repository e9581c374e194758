package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.config.ConfigException;
import dev.shuttle.log.LogFormat;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleExpression;
import java.nio.file.Path;
import java.util.List;

/**
 * What an action parser needs from the configuration being loaded: compiling sample
 * expressions, log-format strings and conditions in the proxy's context, and reading files.
 * Implemented by the configuration loader for each proxy section.
 */
public interface RuleCompiler {
    SampleExpression expression(String text) throws ConfigException;

    LogFormat logFormat(String text) throws ConfigException;

    /** A condition from its words, starting at {@code if} or {@code unless}. */
    AclCondition condition(List<String> words, Phase phase, String ruleDescription) throws ConfigException;

    /** {@code tune.bufsize}, the limit of a message built by a rule. */
    int bufferSize();

    /** A path as the configuration wrote it, resolved as HAProxy resolves file arguments. */
    Path resolve(String path);
}
