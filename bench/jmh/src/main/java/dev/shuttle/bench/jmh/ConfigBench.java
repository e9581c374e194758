package dev.shuttle.bench.jmh;

import dev.shuttle.config.Configuration;
import dev.shuttle.config.parse.LineTokenizer;
import dev.shuttle.config.parse.TokenizeException;
import dev.shuttle.config.parse.Variables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Configuration loading: a whole 1,000-line file (what `-c` pays after JVM start), and one line's tokens. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConfigBench {
    private Path bigConfig;
    private final Variables variables = Variables.of(Map.of("ORIGIN", "127.0.0.1:8081"));

    @Setup
    public void writeConfig() {
        bigConfig = Configs.write(Configs.big());
    }

    @Benchmark
    public Configuration load1000Lines() {
        return Configs.load(bigConfig);
    }

    @Benchmark
    public List<String> tokenizeServerLine() throws TokenizeException {
        return LineTokenizer.tokenize("    server origin1 \"${ORIGIN}\" weight 10 maxconn 100 # the first", variables);
    }
}
