package dev.shuttle.h2;

/**
 * A {@code content-length} value: digits, or a list of the same digits (RFC 9110 §8.6 lets a
 * recipient fold identical values), at most 2^63 - 1. Anything else makes the message malformed.
 */
final class ContentLength {
    private ContentLength() {
    }

    static long parse(int streamId, String value) throws H2Exception {
        long result = -1;
        for (String part : value.split(",", -1)) {
            String digits = FieldRules.trim(part);
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw FieldRules.malformed(streamId, "invalid content-length '" + value + "'");
            }
            long length = Long.parseLong(digits);
            if (result >= 0 && length != result) {
                throw FieldRules.malformed(streamId, "content-length list with different values");
            }
            result = length;
        }
        return result;
    }
}
