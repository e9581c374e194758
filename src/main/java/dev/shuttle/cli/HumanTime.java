package dev.shuttle.cli;

/**
 * Durations as HAProxy's runtime API prints them ({@code age=} of {@code show sess}): at most two
 * non-zero units, the largest first, among days, hours, minutes and seconds, e.g. {@code 0s},
 * {@code 42s}, {@code 3m5s}, {@code 2h10m}, {@code 4d3h}.
 */
final class HumanTime {
    private HumanTime() {}

    static String seconds(long total) {
        if (total <= 0) {
            return "0s";
        }
        long[] amounts = {total / 86400, total / 3600 % 24, total / 60 % 60, total % 60};
        String[] units = {"d", "h", "m", "s"};
        StringBuilder out = new StringBuilder();
        int printed = 0;
        for (int i = 0; i < amounts.length && printed < 2; i++) {
            if (amounts[i] > 0) {
                out.append(amounts[i]).append(units[i]);
                printed++;
            }
        }
        return out.toString();
    }
}
