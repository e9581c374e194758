package dev.shuttle.check;

import dev.shuttle.config.TcpCheckRule;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleContext;
import dev.shuttle.sample.VariableConverters;
import dev.shuttle.sample.VariableStore;
import java.util.Optional;

/**
 * The variable rules of {@code tcp-check} and {@code http-check} (configuration.txt §4,
 * "tcp-check set-var", "http-check set-var"): evaluated in the check's sample context, with the
 * conditions of the {@code set-var} action (§4.3).
 */
final class CheckVariables {
    private CheckVariables() {}

    /** Runs a {@link TcpCheckRule.SetVar}, {@link TcpCheckRule.UnsetVar} or {@link TcpCheckRule.Preset}. */
    static void apply(TcpCheckRule rule, SampleContext context) {
        switch (rule) {
            case TcpCheckRule.SetVar setVar -> set(setVar, context);
            case TcpCheckRule.UnsetVar unsetVar -> context.variables(unsetVar.name().scope())
                    .ifPresent(store -> store.unset(unsetVar.name().name()));
            case TcpCheckRule.Preset preset -> context.variables(preset.name().scope())
                    .ifPresent(store -> store.set(preset.name().name(), preset.value()));
            default -> throw new IllegalArgumentException("not a variable rule: " + rule);
        }
    }

    private static void set(TcpCheckRule.SetVar setVar, SampleContext context) {
        Optional<Sample> value = setVar.expression().isPresent() ? setVar.expression().get().evaluate(context)
                : setVar.format().map(format -> Sample.str(format.render(context)));
        Optional<VariableStore> store = context.variables(setVar.name().scope());
        if (value.isEmpty() || store.isEmpty()) {
            return;
        }
        Optional<Sample> now = store.get().get(setVar.name().name());
        if (setVar.conditions().stream().allMatch(c -> VariableConverters.holds(c, value.get(), now))) {
            store.get().set(setVar.name().name(), value.get());
        }
    }
}
