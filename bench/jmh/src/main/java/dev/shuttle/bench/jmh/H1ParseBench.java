package dev.shuttle.bench.jmh;

import dev.shuttle.h1.H1HeadScanner;
import dev.shuttle.h1.H1Request;
import dev.shuttle.h1.H1RequestParser;
import dev.shuttle.h1.H1Response;
import dev.shuttle.h1.H1ResponseParser;
import dev.shuttle.h1.H1Settings;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * HTTP/1.1 head parsing, the first thing every request and response costs: finding the end of
 * the head, then parsing it into the protocol-neutral model (a browser-like request of 8 fields,
 * an nginx-like response of 6).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class H1ParseBench {
    private final byte[] request = ("GET /api/v1/items?page=2&sort=name HTTP/1.1\r\n"
            + "Host: shop.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Cookie: session=0123456789abcdef; theme=dark\r\n"
            + "Connection: keep-alive\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    private final byte[] response = ("HTTP/1.1 200 OK\r\n"
            + "Server: nginx/1.22.1\r\n"
            + "Date: Sat, 21 Nov 2026 23:00:00 GMT\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: 64\r\n"
            + "Connection: keep-alive\r\n"
            + "Cache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

    @Benchmark
    public int scanRequestHead() {
        return H1HeadScanner.findHeadEnd(request, 0, request.length);
    }

    @Benchmark
    public H1Request parseRequest() throws Exception {
        return H1RequestParser.parse(request, 0, request.length, H1Settings.DEFAULTS);
    }

    @Benchmark
    public H1Response parseResponse() throws Exception {
        return H1ResponseParser.parse(response, 0, response.length, "GET", H1Settings.DEFAULTS);
    }
}
