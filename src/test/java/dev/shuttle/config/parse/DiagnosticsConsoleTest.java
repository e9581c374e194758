package dev.shuttle.config.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The running process's console: checks, the log sender and the runtime API report on it from
 * their own threads at once (a check thread died of an ArrayIndexOutOfBoundsException in the
 * shared message list, and its server was never reported again).
 */
class DiagnosticsConsoleTest {
    @Test
    void threadsReportingAtOnceEachPrintAWholeLineAndNothingIsKept() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Diagnostics console = Diagnostics.console(new PrintStream(bytes, true, StandardCharsets.UTF_8), 42, false);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 2000; i++) {
                        console.emit(Diagnostics.Level.WARNING, "Health check for server be/s" + thread + " " + i);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(null, failure.get());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(16000, lines.length);
        for (String line : lines) {
            assertTrue(line.matches("\\[WARNING\\] +\\(42\\) : Health check for server be/s[0-7] [0-9]+"), line);
        }
        assertTrue(console.messages().isEmpty());
        assertEquals(0, console.count(Diagnostics.Level.WARNING));
    }
}
