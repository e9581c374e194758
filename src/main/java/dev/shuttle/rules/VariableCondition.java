package dev.shuttle.rules;

import dev.shuttle.config.ConfigException;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The conditions that may follow a variable name in {@code set-var(name,cond...)}
 * (configuration.txt, "set-var"): the variable is only set when every condition holds.
 */
enum VariableCondition {
    IFEXISTS, IFNOTEXISTS, IFEMPTY, IFNOTEMPTY, IFSET, IFNOTSET, IFGT, IFLT;

    static List<VariableCondition> parseAll(List<String> words) throws ConfigException {
        List<VariableCondition> conditions = new ArrayList<>();
        for (String word : words) {
            try {
                conditions.add(valueOf(word.toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("invalid condition '" + word + "' for variable (expects one of 'ifexists', "
                        + "'ifnotexists', 'ifempty', 'ifnotempty', 'ifset', 'ifnotset', 'ifgt', 'iflt').");
            }
        }
        return conditions;
    }

    boolean allows(Optional<Sample> current, Sample next) {
        return switch (this) {
            case IFEXISTS, IFSET -> current.isPresent();
            case IFNOTEXISTS, IFNOTSET -> current.isEmpty();
            case IFEMPTY -> isEmpty(next);
            case IFNOTEMPTY -> !isEmpty(next);
            case IFGT -> current.isPresent() && compare(current.get(), next) > 0;
            case IFLT -> current.isPresent() && compare(current.get(), next) < 0;
        };
    }

    private static boolean isEmpty(Sample sample) {
        return switch (sample.type()) {
            case STR, METH -> sample.asString().isEmpty();
            case BIN -> sample.asBytes().length == 0;
            default -> false;
        };
    }

    /** ifgt/iflt compare integers: the current value against the new one. */
    private static int compare(Sample current, Sample next) {
        if (current.type() != SampleType.SINT || next.type() != SampleType.SINT) {
            return 0;
        }
        return Long.compare(current.asLong(), next.asLong());
    }
}
