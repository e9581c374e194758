import jdk.jfr.consumer.*;
import java.nio.file.Path;
import java.util.*;
/**
 * Compares two recordings of bench/ka50-alloc.sh site by site (the class and the first Shuttle
 * frame; lambdas under one name, stack chunks left out): bytes and objects per request in each, and
 * the sites that moved by 8 bytes or more, ordered by the change, then the totals.
 *
 *   java bench/AllocationDiff.java A.jfr REQUESTS_A B.jfr REQUESTS_B
 */
public class AllocationDiff {
    static Map<String,long[]> read(String f) throws Exception {
        Map<String,long[]> m = new HashMap<>();
        try (RecordingFile r = new RecordingFile(Path.of(f))) {
            while (r.hasMoreEvents()) {
                RecordedEvent e = r.readEvent();
                if (!e.getEventType().getName().equals("jdk.ObjectAllocationOutsideTLAB")) continue;
                String cls = e.getClass("objectClass").getName().replaceAll("[$][$]Lambda.*", "::lambda");
                if (cls.contains("StackChunk")) continue;
                String own = "-";
                RecordedStackTrace st = e.getStackTrace();
                if (st != null) for (RecordedFrame fr : st.getFrames()) {
                    String nm = fr.getMethod().getType().getName() + "." + fr.getMethod().getName();
                    if (nm.startsWith("dev.shuttle") && !nm.contains("$$Lambda")) { own = nm; break; }
                }
                long[] v = m.computeIfAbsent(cls + "  " + own, k -> new long[2]);
                v[0] += e.getLong("allocationSize"); v[1]++;
                long[] t = m.computeIfAbsent("TOTAL", k -> new long[2]);
                t[0] += e.getLong("allocationSize"); t[1]++;
            }
        }
        return m;
    }
    public static void main(String[] a) throws Exception {
        Map<String,long[]> x = read(a[0]), y = read(a[2]);
        double nx = Double.parseDouble(a[1]), ny = Double.parseDouble(a[3]);
        Set<String> keys = new TreeSet<>(x.keySet()); keys.addAll(y.keySet());
        List<String[]> rows = new ArrayList<>();
        for (String k : keys) {
            long[] vx = x.getOrDefault(k, new long[2]), vy = y.getOrDefault(k, new long[2]);
            double bx = vx[0]/nx, by = vy[0]/ny, ox = vx[1]/nx, oy = vy[1]/ny;
            if (Math.abs(by-bx) >= 8 && !k.equals("TOTAL"))
                rows.add(new String[]{String.format("%8.1f %8.1f %+8.1f B/req   %6.2f %6.2f obj/req  %s", bx, by, by-bx, ox, oy, k), String.valueOf(by-bx)});
        }
        rows.sort(Comparator.comparingDouble(r -> Double.parseDouble(r[1])));
        rows.forEach(r -> System.out.println(r[0]));
        long[] tx = x.getOrDefault("TOTAL", new long[2]), ty = y.getOrDefault("TOTAL", new long[2]);
        System.out.printf("%8.1f %8.1f %+8.1f B/req   %6.2f %6.2f obj/req  TOTAL%n", tx[0]/nx, ty[0]/ny,
                ty[0]/ny - tx[0]/nx, tx[1]/nx, ty[1]/ny);
    }
}
