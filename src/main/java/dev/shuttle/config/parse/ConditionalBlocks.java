package dev.shuttle.config.parse;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tracks nested {@code .if}/{@code .elif}/{@code .else}/{@code .endif} blocks while a file is read,
 * and says whether the current line is taken.
 *
 * <p>Rules from the manual section 2.4, with the details HAProxy 2.6 shows: a condition is
 * evaluated only when its answer matters. Inside a skipped block, an inner {@code .if} opens a
 * level whose conditions are never looked at, and once a branch was taken the following
 * {@code .elif} conditions are not evaluated either (so even a malformed one passes). Misplaced
 * directives are reported even inside skipped blocks, since the nesting must stay known.
 * The file reader still cuts skipped lines into words (HAProxy reports an unmatched quote there).
 */
public final class ConditionalBlocks {
    /** A condition to evaluate only if its answer matters. */
    @FunctionalInterface
    public interface Test {
        boolean evaluate() throws ConditionException;
    }

    /** Where one level stands. */
    private enum Branch {
        /** The lines of the current branch are taken. */
        TAKING,
        /** No branch was taken yet: a later {@code .elif} or {@code .else} may be. */
        SEARCHING,
        /** A branch was taken already, or the whole level lies in a skipped block. */
        DONE
    }

    private static final class Level {
        Branch branch;
        boolean elseSeen;

        Level(Branch branch) {
            this.branch = branch;
        }
    }

    private final Deque<Level> levels = new ArrayDeque<>();

    /** True when the current line is taken: outside any block, or in the branch being taken. */
    public boolean isActive() {
        return levels.isEmpty() || levels.peek().branch == Branch.TAKING;
    }

    /** How many blocks are open. */
    public int depth() {
        return levels.size();
    }

    /**
     * {@code .if} with an already evaluated condition. The caller must evaluate it only when
     * {@link #isActive()}; {@link #onIf(Test)} does that check itself.
     */
    public void onIf(boolean condition) {
        if (!isActive()) {
            levels.push(new Level(Branch.DONE));
        } else {
            levels.push(new Level(condition ? Branch.TAKING : Branch.SEARCHING));
        }
    }

    /** {@code .if}: evaluates the condition only when the enclosing lines are taken. */
    public void onIf(Test condition) throws ConditionException {
        onIf(isActive() && condition.evaluate());
    }

    /** {@code .elif}: evaluates the condition only when no branch of this block was taken yet. */
    public void onElif(Test condition) throws ConditionException {
        Level level = current(".elif");
        if (level.elseSeen) {
            throw new ConditionException("'.elif' after '.else' is not permitted.");
        }
        switch (level.branch) {
            case TAKING -> level.branch = Branch.DONE;
            case SEARCHING -> level.branch = condition.evaluate() ? Branch.TAKING : Branch.SEARCHING;
            case DONE -> { }
        }
    }

    /** {@code .else}: taken when no earlier branch of this block was. */
    public void onElse() throws ConditionException {
        Level level = current(".else");
        if (level.elseSeen) {
            throw new ConditionException("'.else' after '.else' is not permitted.");
        }
        level.elseSeen = true;
        level.branch = switch (level.branch) {
            case TAKING, DONE -> Branch.DONE;
            case SEARCHING -> Branch.TAKING;
        };
    }

    /** {@code .endif}: closes the innermost block. */
    public void onEndif() throws ConditionException {
        current(".endif");
        levels.pop();
    }

    /** At the end of a file: every block must be closed. */
    public void checkClosed() throws ConditionException {
        if (!levels.isEmpty()) {
            throw new ConditionException("non-terminated '.if' block.");
        }
    }

    private Level current(String directive) throws ConditionException {
        if (levels.isEmpty()) {
            throw new ConditionException("lone '" + directive + "' with no matching '.if'.");
        }
        return levels.peek();
    }
}
