package dev.shuttle.version;

import java.util.Comparator;
import java.util.Optional;

/**
 * An HAProxy version string as {@code version_atleast()} and {@code version_before()} order them.
 *
 * <p>The manual (section 2.4) says the syntax is the one {@code haproxy -v} shows, missing
 * components counting as zero. That syntax is {@code A[.B[.C[.D]]]}, then optionally a stage
 * {@code -devN}, {@code -preN} or {@code -rcN}, then optionally {@code -N}, the number of commits
 * after that tag in a development build (e.g. {@code 2.4-dev18-f6818d-20}: the last dash-separated
 * number counts, a non-numeric tail counts as zero). Stages order as dev &lt; pre = rc &lt; release,
 * so {@code 2.5-dev0 < 2.5-rc1 < 2.5 < 2.5-3 < 2.5.1}. HAProxy ranks {@code pre} and {@code rc}
 * equal, and so does this record.
 */
public record HaproxyVersion(long major, long minor, long patch, long build, int stage, long stageNumber, long commits)
        implements Comparable<HaproxyVersion> {

    /** Stage rank of a {@code -devN} version. */
    public static final int DEVELOPMENT = 1;
    /** Stage rank of a {@code -preN} or {@code -rcN} version. */
    public static final int RELEASE_CANDIDATE = 2;
    /** Stage rank of a release. */
    public static final int RELEASE = 3;

    private static final Comparator<HaproxyVersion> ORDER = Comparator.comparingLong(HaproxyVersion::major)
            .thenComparingLong(HaproxyVersion::minor)
            .thenComparingLong(HaproxyVersion::patch)
            .thenComparingLong(HaproxyVersion::build)
            .thenComparingInt(HaproxyVersion::stage)
            .thenComparingLong(HaproxyVersion::stageNumber)
            .thenComparingLong(HaproxyVersion::commits);

    /** The version written in {@code text}, or empty when it does not follow the syntax above. */
    public static Optional<HaproxyVersion> parse(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        long[] numbers = new long[4];
        int position = 0;
        for (int index = 0; index < numbers.length; index++) {
            int end = skipDigits(text, position);
            numbers[index] = toNumber(text.substring(position, end));
            if (end == text.length()) {
                return Optional.of(release(numbers, 0));
            }
            char separator = text.charAt(end);
            position = end + 1;
            if (separator == '-') {
                return parseSuffix(numbers, text.substring(position));
            }
            // After the fourth number only the end or a dash may follow.
            if (separator != '.' || index == numbers.length - 1) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** What follows the first dash: a stage with its number, commits, or both. */
    private static Optional<HaproxyVersion> parseSuffix(long[] numbers, String suffix) {
        int stage;
        String rest;
        if (suffix.startsWith("dev")) {
            stage = DEVELOPMENT;
            rest = suffix.substring(3);
        } else if (suffix.startsWith("pre")) {
            stage = RELEASE_CANDIDATE;
            rest = suffix.substring(3);
        } else if (suffix.startsWith("rc")) {
            stage = RELEASE_CANDIDATE;
            rest = suffix.substring(2);
        } else {
            return commits(suffix).map(count -> release(numbers, count));
        }
        int end = skipDigits(rest, 0);
        long stageNumber = toNumber(rest.substring(0, end));
        if (end == rest.length()) {
            return Optional.of(new HaproxyVersion(numbers[0], numbers[1], numbers[2], numbers[3], stage, stageNumber, 0));
        }
        if (rest.charAt(end) != '-') {
            return Optional.empty();
        }
        return commits(rest.substring(end + 1))
                .map(count -> new HaproxyVersion(numbers[0], numbers[1], numbers[2], numbers[3], stage, stageNumber, count));
    }

    /** The commit count: the part after the last dash, zero when it is not a plain number. */
    private static Optional<Long> commits(String text) {
        int lastDash = text.lastIndexOf('-');
        String count = lastDash < 0 ? text : text.substring(lastDash + 1);
        if (lastDash >= 0 && count.isEmpty()) {
            return Optional.empty();
        }
        boolean numeric = !count.isEmpty() && skipDigits(count, 0) == count.length();
        return Optional.of(numeric ? toNumber(count) : 0L);
    }

    private static HaproxyVersion release(long[] numbers, long commits) {
        return new HaproxyVersion(numbers[0], numbers[1], numbers[2], numbers[3], RELEASE, 0, commits);
    }

    private static int skipDigits(String text, int from) {
        int position = from;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        return position;
    }

    /** Digits as a number; no digits read as zero, and overlong numbers saturate rather than fail. */
    private static long toNumber(String digits) {
        if (digits.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public int compareTo(HaproxyVersion other) {
        return ORDER.compare(this, other);
    }
}
