package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shuttle.config.StatsSocketConfig.CliLevel;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.VariableStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code get var} and {@code set var} (management.txt §9.3), with HAProxy 3.5's answers: the
 * {@code proc} variables only, {@code set var} in experimental mode only.
 */
class VariableCommandsTest {
    private final VariableStore store = VariableStore.shared();

    private String run(CliLevel level, String line) {
        return new CliSession(CliCommands.standard(process()), level).execute(line);
    }

    /** {@code set var} as an experimental-mode session runs it; its error text, or "" when it succeeds. */
    private String set(String... words) {
        try {
            VariableCommands.set(List.of(words), true, process());
            return "";
        } catch (CliException e) {
            return e.getMessage();
        }
    }

    @Test
    void getVarShowsTypeAndValueOfAProcessVariable() {
        store.set("x", Sample.sint(3));
        store.set("y", Sample.str("hi"));
        assertEquals("proc.x: type=sint value=<3>\n\n", run(CliLevel.OPERATOR, "get var proc.x"));
        assertEquals("proc.y: type=str value=<hi>\n\n", run(CliLevel.ADMIN, "get var proc.y"));
        assertEquals("Variable not found.\n\n", run(CliLevel.ADMIN, "get var proc.nope"));
        assertEquals("Variable not found.\n\n", run(CliLevel.ADMIN, "get var txn.x"));
        assertEquals("Missing process-wide variable identifier.\n\n", run(CliLevel.ADMIN, "get var"));
        assertEquals("Permission denied\n\n", run(CliLevel.USER, "get var proc.x"));
    }

    @Test
    void setVarNeedsExperimentalModeThenEvaluatesInternalExpressions() {
        assertEquals("This command is restricted to experimental mode only.\n\n",
                run(CliLevel.ADMIN, "set var proc.x int(3)"));
        assertEquals("Permission denied\n\n", run(CliLevel.USER, "set var proc.x int(3)"));
        assertEquals("", set("proc.x", "int(3)"));
        assertEquals(Optional.of(Sample.sint(3)), store.get("x"));
        assertEquals("", set("proc.w", "str(a),upper"));
        assertEquals("A", store.get("w").orElseThrow().asString());
        assertEquals("", set("proc.w", "expr", "str(b)"));
        assertEquals("b", store.get("w").orElseThrow().asString());
        assertEquals("", set("proc.w", "fmt", "%[str(c)]x"));
        assertEquals("cx", store.get("w").orElseThrow().asString());
        assertEquals("Missing process-wide variable identifier.", set());
        assertEquals("'set var': cannot set variable 'txn.y', only scope 'proc' is permitted here.", set("txn.y", "str(a)"));
        assertEquals("Missing either 'expr', 'fmt' or expression.", set("proc.z"));
        assertEquals("unknown fetch method 'nosuch'", set("proc.z", "nosuch(1)"));
        assertEquals("fetch method 'src' needs a stream: only the fetches of internal data (str, int, var, env,"
                + " date...) can be used here", set("proc.z", "src"));
    }

    private ProcessView process() {
        return new StubProcessView() {
            @Override
            public Optional<VariableStore> processVariables() {
                return Optional.of(store);
            }
        };
    }
}
