package dev.shuttle.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.server.AdminState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The agent's words (configuration.txt, "agent-check"), in any order and with any separator. */
class AgentReplyTest {
    @Test
    void aPercentageIsAShareOfTheInitialWeight() {
        AgentReply reply = AgentReply.parse("75%\n");
        assertEquals(Optional.of(75), reply.weightPercent());
        assertEquals(Optional.of(15), reply.newWeight(20));
        assertEquals(Optional.of(256), AgentReply.parse("weight:200%").newWeight(200), "capped at 256");
        assertEquals(Optional.of(12), AgentReply.parse("weight:12").newWeight(20));
        assertEquals(Optional.empty(), AgentReply.parse("up").newWeight(20));
    }

    @Test
    void wordsInAnyOrderSeparatedBySpacesTabsOrCommas() {
        AgentReply reply = AgentReply.parse("drain,50%\tmaxconn:30 up\r\nignored next line");
        assertEquals(Optional.of(AdminState.DRAIN), reply.admin());
        assertEquals(Optional.of(50), reply.weightPercent());
        assertEquals(Optional.of(30L), reply.maxconn());
        assertEquals(Optional.of("up"), reply.state());
        assertEquals(Optional.of(AdminState.READY), AgentReply.parse("READY").admin());
        assertEquals(Optional.of(AdminState.MAINT), AgentReply.parse("maint").admin());
    }

    @Test
    void downFailAndStoppedCarryTheirDescription() {
        AgentReply reply = AgentReply.parse("down #going away\n");
        assertEquals(Optional.of("down"), reply.state());
        assertEquals("going away", reply.description());
        CheckOutcome outcome = reply.outcome().orElseThrow();
        assertEquals(CheckStatus.L7STS, outcome.status());
        assertEquals(0, outcome.code());
        assertEquals("via agent : down (going away)", outcome.info());
        assertEquals("via agent : stopped", AgentReply.parse("stopped").outcome().orElseThrow().info());
        assertEquals("via agent : fail (disk full)", AgentReply.parse("fail#disk full").outcome().orElseThrow().info());
    }

    @Test
    void upPassesAndAReplyWithoutAStateWordJudgesNothing() {
        CheckOutcome up = AgentReply.parse("up").outcome().orElseThrow();
        assertEquals(CheckStatus.L7OK, up.status());
        assertEquals("via agent : up", up.info());
        assertEquals(Optional.empty(), AgentReply.parse("50% ready").outcome());
        assertEquals(Optional.empty(), AgentReply.parse("bogus words 12").outcome());
    }
}
