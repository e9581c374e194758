import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The frames each stack chunk holds: for every jdk.internal.vm.StackChunk allocation of a
 * recording made by {@code JFR=1 bench/connection-heap.sh}, its size and its frames by kind
 * (J compiled, I inlined into the frame below, X interpreted, N native), counted by shape; with
 * the frames in full for the most frequent shapes. A chunk is as large as the physical frames it
 * froze (inlined frames cost nothing of their own; interpreted frames are the largest), and one
 * above 500 words (4,000 bytes) is thawed a frame at a time instead of at once
 * (docs/benchmarks.md, "New connections: heap per connection").
 *
 *   java bench/StackChunkFrames.java OUT_DIR/allocations.jfr [SHAPES_IN_FULL]
 */
public class StackChunkFrames {
    public static void main(String[] args) throws Exception {
        int inFull = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Map<String, Integer> counts = new HashMap<>();
        Map<String, List<RecordedFrame>> examples = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ObjectAllocationOutsideTLAB")) {
                continue;
            }
            RecordedClass allocated = event.getValue("objectClass");
            if (!allocated.getName().equals("jdk.internal.vm.StackChunk") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            StringBuilder kinds = new StringBuilder();
            for (RecordedFrame frame : frames) {
                kinds.append(kind(frame));
            }
            String shape = String.format("%6d B  %2d frames  %s", event.getLong("allocationSize"), frames.size(), kinds);
            counts.merge(shape, 1, Integer::sum);
            examples.putIfAbsent(shape, frames);
        }
        List<Map.Entry<String, Integer>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((a, b) -> b.getValue() - a.getValue());
        System.out.println("chunks  size, logical frames, kinds from the top (J compiled, I inlined, X interpreted, N native)");
        byCount.stream().limit(25).forEach(e -> System.out.printf("%6d  %s%n", e.getValue(), e.getKey()));
        for (Map.Entry<String, Integer> e : byCount.subList(0, Math.min(inFull, byCount.size()))) {
            System.out.println("== " + e.getKey());
            for (RecordedFrame frame : examples.get(e.getKey())) {
                System.out.printf("   %s %s.%s:%d%n", kind(frame), frame.getMethod().getType().getName(),
                        frame.getMethod().getName(), frame.getLineNumber());
            }
        }
    }

    private static char kind(RecordedFrame frame) {
        String type = frame.getType();
        return type.startsWith("Interpreted") ? 'X' : type.startsWith("Inlined") ? 'I' : type.startsWith("JIT") ? 'J' : 'N';
    }
}
