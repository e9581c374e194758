package dev.shuttle.bench.jmh;

import dev.shuttle.http.HeaderList;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Header rewriting on a typical browser request's header list: what the proxy does to every
 * request before forwarding it (connection tokens, hop-by-hop removal, X-Forwarded-For).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeaderBench {
    private HeaderList request;

    @Setup
    public void makeHeaders() {
        request = new HeaderList();
        request.add("Host", "www.example.com");
        request.add("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        request.add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        request.add("Accept-Language", "en-US,en;q=0.5");
        request.add("Accept-Encoding", "gzip, deflate, br, zstd");
        request.add("Connection", "keep-alive");
        request.add("Cookie", "session=0123456789abcdef; theme=dark");
        request.add("Upgrade-Insecure-Requests", "1");
        request.add("Sec-Fetch-Dest", "document");
        request.add("Priority", "u=0, i");
    }

    @Benchmark
    public HeaderList rewriteForForwarding() {
        HeaderList forwarded = request.copy();
        boolean close = forwarded.hasToken("Connection", "close");
        forwarded.removeAll("Connection");
        forwarded.removeAll("Keep-Alive");
        forwarded.removeAll("Proxy-Connection");
        forwarded.set("X-Forwarded-For", "127.0.0.1");
        if (close) {
            forwarded.add("Connection", "close");
        }
        return forwarded;
    }

    /** What an exchange does before forwarding a head on HTTP/1: names in lower case, as HAProxy sends them. */
    @Benchmark
    public HeaderList copyAndLowerCaseNames() {
        HeaderList forwarded = request.copy();
        forwarded.lowerCaseNames();
        return forwarded;
    }

    @Benchmark
    public String lookupHost() {
        return request.first("host");
    }
}
