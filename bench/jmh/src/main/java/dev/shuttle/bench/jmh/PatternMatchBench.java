package dev.shuttle.bench.jmh;

import dev.shuttle.pattern.AclException;
import dev.shuttle.pattern.LivePatterns;
import dev.shuttle.pattern.MapFile;
import dev.shuttle.pattern.MapTable;
import dev.shuttle.pattern.MatchMethod;
import dev.shuttle.pattern.PatternFiles;
import dev.shuttle.pattern.PatternParser;
import dev.shuttle.pattern.PatternReference;
import dev.shuttle.pattern.PatternSet;
import dev.shuttle.sample.Sample;
import dev.shuttle.sample.SampleType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The match path of ACLs and maps since the runtime API may change them: an ACL term reads its
 * {@link LivePatterns}' current set (one volatile read) and a map converter its {@link MapTable}'s
 * (idem). {@code frozenSet} is the lookup as it was before, on a set held in a final field: the
 * difference is the price of copy on write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PatternMatchBench {
    private PatternSet frozen;
    private LivePatterns live;
    private MapTable table;
    private final Sample hit = Sample.str("/api/v1/users");
    private final Sample miss = Sample.str("/static/app.js");

    @Setup
    public void load() throws IOException, AclException {
        Path directory = Files.createTempDirectory("pattern-bench");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            lines.append("/prefix").append(i).append(" backend").append(i).append('\n');
        }
        lines.append("/api backend_api\n");
        Files.writeString(directory.resolve("paths.map"), lines);
        PatternFiles files = new PatternFiles(directory);
        MapFile file = files.mapFile("paths.map");
        table = file.table(MatchMethod.BEG, SampleType.STR, false);
        PatternReference reference = file.reference();
        live = new LivePatterns(MatchMethod.BEG);
        live.add(reference, PatternParser.Options.NONE);
        frozen = live.current();
    }

    @Benchmark
    public Optional<PatternSet.Match> frozenSet() {
        return frozen.lookup(hit);
    }

    @Benchmark
    public Optional<PatternSet.Match> liveAclHit() {
        return live.current().lookup(hit);
    }

    @Benchmark
    public Optional<PatternSet.Match> liveAclMiss() {
        return live.current().lookup(miss);
    }

    @Benchmark
    public Optional<Sample> liveMapHit() {
        return table.find(hit);
    }
}
