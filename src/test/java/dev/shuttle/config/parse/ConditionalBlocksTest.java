package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The block state machine; "2.6:" marks a case checked with {@code haproxy -c} on a small file. */
class ConditionalBlocksTest {
    private final ConditionalBlocks blocks = new ConditionalBlocks();

    private static ConditionalBlocks.Test never() {
        return () -> fail("this condition must not be evaluated");
    }

    private static ConditionalBlocks.Test answer(boolean value) {
        return () -> value;
    }

    @Test
    void activeOutsideAnyBlock() throws Exception {
        assertTrue(blocks.isActive());
        assertEquals(0, blocks.depth());
        blocks.checkClosed();
    }

    @Test
    void ifTrueThenElse() throws Exception {
        blocks.onIf(true);
        assertTrue(blocks.isActive());
        blocks.onElse();
        assertFalse(blocks.isActive());
        blocks.onEndif();
        assertTrue(blocks.isActive());
        blocks.checkClosed();
    }

    @Test
    void ifFalseThenElse() throws Exception {
        blocks.onIf(false);
        assertFalse(blocks.isActive());
        blocks.onElse();
        assertTrue(blocks.isActive());
        blocks.onEndif();
        assertTrue(blocks.isActive());
    }

    @Test
    void onlyTheFirstTrueBranchIsTaken() throws Exception {
        // 2.6: '.if 0 / .elif 1 / .elif 1 / .else' prints only the first .elif's notice.
        blocks.onIf(false);
        blocks.onElif(answer(false));
        assertFalse(blocks.isActive());
        blocks.onElif(answer(true));
        assertTrue(blocks.isActive());
        blocks.onElif(never());
        assertFalse(blocks.isActive());
        blocks.onElse();
        assertFalse(blocks.isActive());
        blocks.onEndif();
        assertTrue(blocks.isActive());
    }

    @Test
    void elifAfterATakenIfIsNotEvaluated() throws Exception {
        // 2.6: '.if 1 / .elif foo(' passes, while '.if 0 / .elif foo(' is an error.
        blocks.onIf(true);
        blocks.onElif(never());
        assertFalse(blocks.isActive());
        blocks.onEndif();
    }

    @Test
    void elifErrorPropagatesWhenItMatters() throws Exception {
        blocks.onIf(false);
        ConditionException bad = new ConditionException("unparsable conditional expression 'foo('");
        assertEquals(bad, assertThrows(ConditionException.class, () -> blocks.onElif(() -> {
            throw bad;
        })));
    }

    @Test
    void skippedOuterBlockSkipsEverythingInside() throws Exception {
        // 2.6: '.if 0 / .if foo( / .endif / .endif' passes: inner conditions are not even parsed.
        blocks.onIf(false);
        blocks.onIf(never());
        assertFalse(blocks.isActive());
        blocks.onElif(never());
        assertFalse(blocks.isActive());
        blocks.onElse();
        assertFalse(blocks.isActive());
        blocks.onEndif();
        assertFalse(blocks.isActive());
        blocks.onElse();
        assertTrue(blocks.isActive());
        blocks.onEndif();
        blocks.checkClosed();
    }

    @Test
    void innerBlocksOfATakenBranch() throws Exception {
        List<Boolean> evaluated = new ArrayList<>();
        blocks.onIf(answer(true));
        blocks.onIf(() -> {
            evaluated.add(true);
            return false;
        });
        assertFalse(blocks.isActive());
        blocks.onElse();
        assertTrue(blocks.isActive());
        assertEquals(2, blocks.depth());
        blocks.onEndif();
        assertTrue(blocks.isActive());
        blocks.onEndif();
        assertEquals(List.of(true), evaluated);
    }

    @Test
    void booleanIfInsideASkippedBlockStaysSkipped() throws Exception {
        blocks.onIf(false);
        blocks.onIf(true);
        assertFalse(blocks.isActive());
        blocks.onElse();
        assertFalse(blocks.isActive());
    }

    @Test
    void loneDirectives() {
        // 2.6: these exact texts.
        assertEquals("lone '.else' with no matching '.if'.",
                assertThrows(ConditionException.class, blocks::onElse).getMessage());
        assertEquals("lone '.elif' with no matching '.if'.",
                assertThrows(ConditionException.class, () -> blocks.onElif(never())).getMessage());
        assertEquals("lone '.endif' with no matching '.if'.",
                assertThrows(ConditionException.class, blocks::onEndif).getMessage());
    }

    @Test
    void elifOrElseAfterElse() throws Exception {
        // 2.6: these exact texts.
        blocks.onIf(true);
        blocks.onElse();
        assertEquals("'.elif' after '.else' is not permitted.",
                assertThrows(ConditionException.class, () -> blocks.onElif(never())).getMessage());
        assertEquals("'.else' after '.else' is not permitted.",
                assertThrows(ConditionException.class, blocks::onElse).getMessage());
    }

    @Test
    void misplacedElseIsFoundInsideASkippedBlock() throws Exception {
        // 2.6: '.if 0 / .if 1 / .else / .else' reports the second .else.
        blocks.onIf(false);
        blocks.onIf(never());
        blocks.onElse();
        assertThrows(ConditionException.class, blocks::onElse);
    }

    @Test
    void unterminatedBlockAtEndOfFile() throws Exception {
        // 2.6: this exact text.
        blocks.onIf(true);
        blocks.onIf(false);
        blocks.onEndif();
        assertEquals("non-terminated '.if' block.",
                assertThrows(ConditionException.class, blocks::checkClosed).getMessage());
        blocks.onEndif();
        blocks.checkClosed();
    }

    @Test
    void worksWithTheEvaluator() throws Exception {
        Variables variables = Variables.of(Map.of("WITH_SSL", "yes"));
        ConditionContext context = ConditionContext.standard(variables);
        List<String> words = LineTokenizer.tokenize("streq(\"$WITH_SSL\",yes) # c", variables);
        blocks.onIf(() -> Condition.evaluate(words, context));
        assertTrue(blocks.isActive());
        blocks.onEndif();
    }
}
