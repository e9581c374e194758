package dev.shuttle.rules;

import dev.shuttle.sample.SampleContext;

/**
 * One rule's action ({@code set-header}, {@code deny}, {@code set-var}...): compiled at load,
 * applied to the stream's context, whose request and response heads it may change.
 */
@FunctionalInterface
public interface Action {
    Verdict apply(SampleContext context);

    /** While loading: the rule that comes next in the same rule set (for actions that group, {@code early-hint}). */
    default void followedBy(Rule next) {}
}
