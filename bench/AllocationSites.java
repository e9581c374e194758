import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums a JFR recording's jdk.ObjectAllocationOutsideTLAB events (every allocation when TLABs are
 * off) per connection: by class, by class and site (the first Shuttle frame and the allocating
 * frame), and the sizes of the stack chunks (frozen virtual-thread stacks). Used by
 * bench/connection-heap.sh: java bench/AllocationSites.java FILE.jfr CONNECTIONS [ROWS]
 */
public class AllocationSites {
    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[1]);
        Map<String, Long> byClass = new HashMap<>(), bySite = new HashMap<>();
        TreeMap<Long, Integer> chunks = new TreeMap<>();
        long total = 0, count = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(a[0]))) {
            if (!e.getEventType().getName().equals("jdk.ObjectAllocationOutsideTLAB")) continue;
            long size = e.getLong("allocationSize");
            String cls = e.getClass("objectClass").getName();
            total += size; count++;
            byClass.merge(cls, size, Long::sum);
            String own = "-", top = "";
            RecordedStackTrace st = e.getStackTrace();
            if (st != null) {
                List<RecordedFrame> fr = st.getFrames();
                if (!fr.isEmpty()) top = name(fr.get(0));
                for (RecordedFrame f : fr) {
                    String nm = name(f);
                    if (nm.startsWith("dev.shuttle") && !nm.contains("$$Lambda")) { own = nm; break; }
                }
            }
            bySite.merge(cls + "  " + own + "  [" + top + "]", size, Long::sum);
            if (cls.contains("StackChunk")) chunks.merge(size / 512 * 512, 1, Integer::sum);
        }
        System.out.printf("allocated %d B/conn, %.1f objects/conn%n", total / n, (double) count / n);
        top(byClass, n, 20);
        System.out.println("--- by class, first shuttle frame, top frame");
        top(bySite, n, Integer.parseInt(a.length > 2 ? a[2] : "60"));
        System.out.println("--- stack chunk sizes (bytes, rounded down to 512): count/conn");
        chunks.forEach((s, c) -> System.out.printf("%6d  %.2f%n", s, (double) c / n));
    }
    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber();
    }
    static void top(Map<String, Long> m, int n, int k) {
        m.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(k)
            .forEach(e -> System.out.printf("%8d  %s%n", e.getValue() / n, e.getKey()));
    }
}
