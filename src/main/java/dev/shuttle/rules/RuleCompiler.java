package dev.shuttle.rules;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleExpression;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What an action parser needs from the configuration being loaded: compiling sample
 * expressions, log-format strings and conditions in the proxy's context, and reading files.
 * Implemented by the configuration loader for each proxy section.
 */
public interface RuleCompiler {
    SampleExpression expression(String text) throws ConfigException;

    /** A log-format string for a header value (HAProxy's HTTP context: unsafe bytes as {@code %XX}). */
    LogFormat logFormat(String text) throws ConfigException;

    /** A log-format string for another use ({@link LogFormat.Mode#TEXT}: a body, a variable, a name). */
    default LogFormat logFormat(String text, LogFormat.Mode mode) throws ConfigException {
        return LogFormat.compile(text, this::expression, mode);
    }

    /** A condition from its words, starting at {@code if} or {@code unless}. */
    AclCondition condition(List<String> words, Phase phase, String ruleDescription) throws ConfigException;

    /** {@code tune.bufsize}, the limit of a message built by a rule. */
    int bufferSize();

    /** A path as the configuration wrote it, resolved as HAProxy resolves file arguments. */
    Path resolve(String path);

    /** The capture slots of the proxy being parsed ({@code http-request capture ... len} adds one). */
    default CaptureDeclarations captures() {
        return new CaptureDeclarations();
    }

    /** The configuration's pattern and map files, which {@code set-map} and {@code add-acl} change. */
    default PatternFiles patternFiles() {
        return new PatternFiles(null);
    }

    /**
     * A {@code log-profile} section a {@code do-log profile <name>} rule names: the configuration
     * checks that it exists once every section is read (profiles may come later in the file).
     */
    default void logProfileNamed(String name) {}

    /** Prints a {@code [WARNING]} about the rule's line (an action accepted without full effect). */
    default void warning(String text) {}

    /** The proxy being parsed, as HAProxy names it in messages: {@code frontend 'fe'}. */
    default String proxyDescription() {
        return "proxy";
    }

    /** Whether the proxy may run backend-side actions ({@code set-timeout server}). */
    default boolean hasBackendCapability() {
        return true;
    }

    /** Whether the proxy may run frontend-side actions ({@code set-timeout client}, captures by length). */
    default boolean hasFrontendCapability() {
        return true;
    }

    /**
     * The message for {@code status} in the {@code http-errors} section {@code section}
     * ({@code return ... errorfiles <name>}), looked up once every section is known: empty when
     * the section lacks it. The configuration checks the name and the status after loading.
     */
    default Supplier<Optional<ErrorResponse>> httpErrorsMessage(
            String section, int status) {
        return Optional::empty;
    }
}
