package dev.shuttle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The values of {@code set weight} and {@code set maxconn server}, and the answers, as HAProxy 3.5 gives them. */
class RuntimeArgumentsTest {
    private static String weight(String text, int initial, boolean staticWeights) {
        try {
            return String.valueOf(RuntimeArguments.weight(text, initial, staticWeights));
        } catch (CliException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest(name = "set weight be/s ''{0}'' (initial 10)")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "20|20", "256|256", "0|0", "-0|0", "+5|5", "50%|5", "5%|0", "15%|1", "0%|0", "100%|10",
            "3000%|256", "99999999999%|256", "9999999999999999999%|256",
            "''|Require <weight> or <weight%>.",
            "257|Absolute weight can only be between 0 and 256 inclusive.",
            "-1|Absolute weight can only be between 0 and 256 inclusive.",
            "99999999999999999999|Absolute weight can only be between 0 and 256 inclusive.",
            "300x|Absolute weight can only be between 0 and 256 inclusive.",
            "abc|Empty weight string empty or preceded by garbage",
            "%|Empty weight string empty or preceded by garbage",
            "-|Empty weight string empty or preceded by garbage",
            "10x|Trailing garbage in weight string",
            "1.5|Trailing garbage in weight string",
            "0x10|Trailing garbage in weight string",
            "50%%|Trailing garbage in weight string",
            "-5%|Relative weight must be positive."})
    void weightsOfADynamicAlgorithm(String text, String expected) {
        assertEquals(expected, weight(text, 10, false));
    }

    @ParameterizedTest(name = "set weight st/s ''{0}'' (static-rr, initial {1})")
    @CsvSource(delimiter = '|', value = {
            "0|10|0", "0%|10|0", "10|10|10", "100%|10|10", "101%|10|10", "109%|10|10",
            "5|10|Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.",
            "50%|10|Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.",
            "110%|10|Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.",
            "200%|10|Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.",
            "300|10|Absolute weight can only be between 0 and 256 inclusive.",
            "-5%|10|Relative weight must be positive.",
            "5|0|Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.",
            "100%|0|0", "50%|0|0"})
    void weightsOfAStaticAlgorithm(String text, int initial, String expected) {
        assertEquals(expected, weight(text, initial, true));
    }

    @ParameterizedTest(name = "set maxconn server be/s ''{0}''")
    @CsvSource(delimiter = '|', value = {
            "0|0", "10|10", "+3|3", "-0|0", "-1|4294967295", "99999999999|1215752191", "2147483648|2147483648",
            "4294967297|1",
            "''|Require <maxconn>.",
            "abc|maxconn string empty or preceded by garbage",
            "10x|Trailing garbage in maxconn string"})
    void maxconns(String text, String expected) {
        String answer;
        try {
            answer = String.valueOf(RuntimeArguments.maxconn(text));
        } catch (CliException e) {
            answer = e.getMessage();
        }
        assertEquals(expected, answer);
    }

    @ParameterizedTest(name = "#{0} is id {1}")
    @CsvSource({"3,3", "3x,3", "'',0", "x,0", "+4,4", "-1,-1"})
    void idsAreReadAsAtoiReadsThem(String text, int id) {
        assertEquals(id, RuntimeArguments.atoi(text));
    }
}
