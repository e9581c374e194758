package dev.shuttle.config.parse;

import dev.shuttle.acl.AclCondition;
import dev.shuttle.acl.AclConditions;
import dev.shuttle.acl.AclScope;
import dev.shuttle.http.ErrorResponse;
import dev.shuttle.lang.ConfigException;
import dev.shuttle.pattern.AclException;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.pattern.StandardRegistry;
import dev.shuttle.rules.CaptureDeclarations;
import dev.shuttle.rules.RuleCompiler;
import dev.shuttle.sample.LogFormat;
import dev.shuttle.sample.Phase;
import dev.shuttle.sample.SampleCompileException;
import dev.shuttle.sample.SampleCompiler;
import dev.shuttle.sample.SampleExpression;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link RuleCompiler} of one proxy section: expressions and conditions are compiled against
 * the section's ACLs and the configuration's files, and a condition that can never match where
 * the rule runs gets HAProxy's warning.
 */
final class ProxyRuleCompiler implements RuleCompiler {
    private final KeywordContext line;
    private final AclScope acls;
    private final ProxySection proxy;

    ProxyRuleCompiler(KeywordContext line, ProxySection proxy) {
        this.line = line;
        this.acls = proxy.acls(line.state());
        this.proxy = proxy;
    }

    @Override
    public CaptureDeclarations captures() {
        return proxy.captures;
    }

    @Override
    public Supplier<Optional<ErrorResponse>> httpErrorsMessage(
            String section, int status) {
        proxy.httpErrorsReplies.add(new ProxySection.HttpErrorsReply(section, status));
        LoadState state = line.state();
        return () -> HttpErrorsSections.of(state).find(section)
                .map(found -> found.messages.get(status));
    }

    @Override
    public void logProfileNamed(String name) {
        proxy.doLogProfiles.add(name);
    }

    @Override
    public void warning(String text) {
        line.warning(text);
    }

    @Override
    public String proxyDescription() {
        return proxy.describe();
    }

    @Override
    public boolean hasBackendCapability() {
        return proxy.kind.hasBackendCapability();
    }

    @Override
    public boolean hasFrontendCapability() {
        return proxy.kind.hasFrontendCapability();
    }

    @Override
    public PatternFiles patternFiles() {
        return acls.files();
    }

    @Override
    public SampleExpression expression(String text) throws ConfigException {
        try {
            return SampleCompiler.compile(text, StandardRegistry.get(), acls.compileScope());
        } catch (SampleCompileException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public LogFormat logFormat(String text) throws ConfigException {
        return LogFormat.compile(text, this::expression);
    }

    @Override
    public LogFormat logFormat(String text, LogFormat.Mode mode) throws ConfigException {
        return LogFormat.compile(text, this::expression, mode);
    }

    @Override
    public AclCondition condition(List<String> words, Phase phase, String ruleDescription) throws ConfigException {
        try {
            AclCondition condition = AclConditions.parse(words, acls);
            AclConditions.phaseWarning(condition, phase, ruleDescription, null).ifPresent(line::warning);
            return condition;
        } catch (AclException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    @Override
    public int bufferSize() {
        return line.state().global().bufferSize;
    }

    @Override
    public Path resolve(String path) {
        return Path.of(path);
    }
}
