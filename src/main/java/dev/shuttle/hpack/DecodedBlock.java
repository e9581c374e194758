package dev.shuttle.hpack;

import java.util.BitSet;
import java.util.List;

/**
 * What one header block held.
 *
 * @param fields the fields in order, or those that fitted when {@link #overListLimit()}
 * @param neverIndexed the positions in {@code fields} sent as "never indexed" (RFC 7541 §6.2.3):
 *                     an intermediary must forward them the same way, so the encoder is told
 * @param listSize the uncompressed size of the whole list as RFC 9113 §6.5.2 counts it (each field's
 *                 octets plus 32), all fields included
 * @param overListLimit whether {@code listSize} passed the decoder's limit: the block was still
 *                      decoded to its end, keeping the dynamic table in step (RFC 9113 §4.3), but the
 *                      fields past the limit were dropped and the request deserves a 431
 */
public record DecodedBlock(List<HeaderField> fields, BitSet neverIndexed, long listSize, boolean overListLimit) {
    public DecodedBlock {
        fields = List.copyOf(fields);
        neverIndexed = (BitSet) neverIndexed.clone();
    }

    /** Whether the field at {@code position} came as "never indexed". */
    public boolean isNeverIndexed(int position) {
        return neverIndexed.get(position);
    }
}
