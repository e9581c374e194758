package dev.shuttle.stats;

import java.util.Locale;

/**
 * How a statistics value is encoded (management.txt §9.2, the third column of the typed output):
 * signed or unsigned 32/64-bit integers, a string, or a decimal
 * number.
 */
public enum FieldType {
    S32, S64, U32, U64, STR,
    /** A decimal number ({@code show info float}). */
    FLT;

    /** The name the typed and JSON outputs give it ({@code u32}, {@code str}...). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isNumber() {
        return this != STR;
    }
}
