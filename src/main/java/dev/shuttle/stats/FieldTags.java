package dev.shuttle.stats;

/**
 * The four letters that tell a consumer how a value may be aggregated (management.txt §9.2): its
 * origin (Metric, Status, Key, Config, Product), its nature (Age, avg, Counter, Duration, Gauge,
 * Limit, Max, min, Name, Output, Rate, Time), its scope (Cluster, Process, Service, system) and
 * whether it survives a reload (Volatile, Persistent).
 *
 * @param letters the four letters as the typed output prints them, e.g. {@code MGPV}
 */
public record FieldTags(String letters) {
    public FieldTags {
        if (letters.length() != 4) {
            throw new IllegalArgumentException("four tag letters expected: " + letters);
        }
    }

    /** The origin's name in the JSON output ({@code Metric}, {@code Key}...). */
    public String origin() {
        return switch (letters.charAt(0)) {
            case 'M' -> "Metric";
            case 'S' -> "Status";
            case 'K' -> "Key";
            case 'C' -> "Config";
            case 'P' -> "Product";
            default -> "Unknown";
        };
    }

    /** The nature's name in the JSON output ({@code Gauge}, {@code Counter}...). */
    public String nature() {
        return switch (letters.charAt(1)) {
            case 'A' -> "Age";
            case 'a' -> "Avg";
            case 'C' -> "Counter";
            case 'D' -> "Duration";
            case 'G' -> "Gauge";
            case 'L' -> "Limit";
            case 'M' -> "Max";
            case 'm' -> "Min";
            case 'N' -> "Name";
            case 'O' -> "Output";
            case 'R' -> "Rate";
            case 'T' -> "Time";
            default -> "Unknown";
        };
    }

    /** The scope's name in the JSON output ({@code Process}, {@code Service}...). */
    public String scope() {
        return switch (letters.charAt(2)) {
            case 'C' -> "Cluster";
            case 'P' -> "Process";
            case 'S' -> "Service";
            case 's' -> "System";
            default -> "Unknown";
        };
    }
}
