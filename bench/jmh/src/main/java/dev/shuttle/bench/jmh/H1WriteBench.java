package dev.shuttle.bench.jmh;

import dev.shuttle.h1.H1Writer;
import dev.shuttle.http.HeaderList;
import dev.shuttle.http.HttpVersion;
import dev.shuttle.http.RequestHead;
import dev.shuttle.http.ResponseHead;
import dev.shuttle.io.BufferPool;
import dev.shuttle.io.CountingOutputStream;
import dev.shuttle.io.PooledOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * HTTP/1.1 head writing, what every forwarded request and response costs on the way out: a
 * browser-like request head of 10 fields and an nginx-like response head of 6, written into the
 * same stream stack as a connection's (counting, then pooled buffer) and flushed, as an exchange
 * flushes its head.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class H1WriteBench {
    private RequestHead request;
    private ResponseHead response;
    private CountingOutputStream output;

    @Setup
    public void makeHeads() {
        HeaderList requestFields = new HeaderList();
        requestFields.add("host", "shop.example.com");
        requestFields.add("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0");
        requestFields.add("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        requestFields.add("accept-language", "en-US,en;q=0.5");
        requestFields.add("accept-encoding", "gzip, deflate, br");
        requestFields.add("cookie", "session=0123456789abcdef; theme=dark");
        requestFields.add("upgrade-insecure-requests", "1");
        requestFields.add("sec-fetch-dest", "document");
        requestFields.add("priority", "u=0, i");
        requestFields.add("x-forwarded-for", "192.0.2.17");
        request = new RequestHead("GET", "/api/v1/items?page=2&sort=name", HttpVersion.HTTP_1_1, requestFields);

        HeaderList responseFields = new HeaderList();
        responseFields.add("server", "nginx/1.22.1");
        responseFields.add("date", "Sat, 21 Nov 2026 23:00:00 GMT");
        responseFields.add("content-type", "application/json");
        responseFields.add("content-length", "64");
        responseFields.add("cache-control", "no-cache");
        responseFields.add("etag", "\"6560f1a0-40\"");
        response = new ResponseHead(HttpVersion.HTTP_1_1, 200, "OK", responseFields);

        BufferPool pool = new BufferPool(16384, 4);
        output = new CountingOutputStream(new PooledOutputStream(OutputStream.nullOutputStream(), pool));
    }

    @Benchmark
    public long writeRequestHead() throws IOException {
        H1Writer.writeRequestHead(request, output);
        output.flush();
        return output.count();
    }

    @Benchmark
    public long writeResponseHead() throws IOException {
        H1Writer.writeResponseHead(response, output);
        output.flush();
        return output.count();
    }
}
