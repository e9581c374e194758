package dev.shuttle.check;

import dev.shuttle.server.AdminState;
import java.util.Locale;
import java.util.Optional;

/**
 * What an agent answered (configuration.txt §5.2, "agent-check"): its first line, words separated
 * by spaces, tabs or commas, in any order. Pure; a word it does not know is left out, as HAProxy
 * leaves out what it cannot use.
 *
 * @param weightPercent  "75%" or "weight:75%": a share of the initial weight
 * @param weight         "weight:12": an absolute weight
 * @param maxconn        "maxconn:30"
 * @param admin          "ready", "drain" or "maint"
 * @param state          "up", "down", "fail" or "stopped"
 * @param description    what follows a '#' (a reason for "down"), or ""
 */
public record AgentReply(Optional<Integer> weightPercent, Optional<Integer> weight, Optional<Long> maxconn,
                         Optional<AdminState> admin, Optional<String> state, String description) {
    /** Parses the first line of {@code text} (up to the first CR or LF). */
    public static AgentReply parse(String text) {
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\r' || text.charAt(i) == '\n') {
                end = i;
                break;
            }
        }
        String line = text.substring(0, end);
        String description = "";
        int sharp = line.indexOf('#');
        if (sharp >= 0) {
            description = line.substring(sharp + 1).trim();
            line = line.substring(0, sharp);
        }
        Optional<Integer> percent = Optional.empty();
        Optional<Integer> weight = Optional.empty();
        Optional<Long> maxconn = Optional.empty();
        Optional<AdminState> admin = Optional.empty();
        Optional<String> state = Optional.empty();
        for (String word : line.split("[ \t,]+")) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.isEmpty()) {
                continue;
            }
            String weightValue = lower.startsWith("weight:") ? lower.substring(7) : lower;
            if (weightValue.matches("[0-9]{1,9}%")) {
                percent = Optional.of(Integer.parseInt(weightValue.substring(0, weightValue.length() - 1)));
            } else if (lower.startsWith("weight:") && weightValue.matches("[0-9]{1,9}")) {
                weight = Optional.of(Integer.parseInt(weightValue));
            } else if (lower.startsWith("maxconn:") && lower.substring(8).matches("[0-9]{1,10}")) {
                maxconn = Optional.of(Long.parseLong(lower.substring(8)));
            } else {
                switch (lower) {
                    case "ready" -> admin = Optional.of(AdminState.READY);
                    case "drain" -> admin = Optional.of(AdminState.DRAIN);
                    case "maint" -> admin = Optional.of(AdminState.MAINT);
                    case "up", "down", "fail", "stopped" -> state = Optional.of(lower);
                    default -> { }
                }
            }
        }
        return new AgentReply(percent, weight, maxconn, admin, state, description);
    }

    /**
     * The weight the reply asks for, from the server's initial weight: a percentage of it, or an
     * absolute weight; capped at 256 (configuration.txt, "agent-check").
     */
    public Optional<Integer> newWeight(int initialWeight) {
        if (weightPercent.isPresent()) {
            return Optional.of((int) Math.min(256, (long) initialWeight * weightPercent.get() / 100));
        }
        return weight.map(w -> Math.min(256, w));
    }

    /**
     * The check result the reply's state word makes, or empty without one: "up" passes, the
     * others fail, with HAProxy's info ("via agent : down (going away)").
     */
    public Optional<CheckOutcome> outcome() {
        return state.map(word -> word.equals("up")
                ? CheckOutcome.of(CheckStatus.L7OK, 0, "via agent : up")
                : CheckOutcome.of(CheckStatus.L7STS, 0, "via agent : " + word
                        + (description.isEmpty() ? "" : " (" + description + ")")));
    }
}
