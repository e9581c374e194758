package dev.shuttle.http;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The header fields of one HTTP message, in order, names compared without regard to ASCII case
 * (RFC 9110 §5.1) and kept as received so that they are forwarded as received.
 *
 * <p>Owned by the thread handling the message; not thread-safe. Duplicates are kept as separate
 * fields, as HAProxy keeps them, so that rules and forwarding see what the peer sent.
 *
 * <p>Every message is looked up many times on its way through, so lookups walk the list in
 * place and allocate nothing (only {@link #all} builds a list, when there is something in it).
 */
public final class HeaderList implements Iterable<HeaderList.Field> {
    /** One header field. */
    public record Field(String name, String value) {
        public boolean hasName(String other) {
            return name.equalsIgnoreCase(other);
        }
    }

    private final List<Field> fields;

    /** Room for the fields of a usual message, so that parsing one does not grow the list. */
    private static final int USUAL_FIELDS = 12;

    public HeaderList() {
        this.fields = new ArrayList<>(USUAL_FIELDS);
    }

    private HeaderList(List<Field> fields) {
        this.fields = new ArrayList<>(fields);
    }

    public HeaderList copy() {
        return new HeaderList(fields);
    }

    public void add(String name, String value) {
        fields.add(new Field(name, value));
    }

    /** Replaces every field of that name with one field, at the place of the first (or at the end). */
    public void set(String name, String value) {
        int first = indexOf(name);
        removeAll(name);
        Field field = new Field(name, value);
        if (first < 0 || first > fields.size()) {
            fields.add(field);
        } else {
            fields.add(first, field);
        }
    }

    /** Replaces the field at {@code index}, keeping its place. */
    public void replace(int index, String name, String value) {
        fields.set(index, new Field(name, value));
    }

    /** Removes the field at {@code index}. */
    public void remove(int index) {
        fields.remove(index);
    }

    /** Removes every field of that name; returns how many there were. */
    public int removeAll(String name) {
        int removed = 0;
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).hasName(name)) {
                fields.remove(i);
                removed++;
            }
        }
        return removed;
    }

    /** The value of the first field of that name, or null. */
    public String first(String name) {
        int index = indexOf(name);
        return index < 0 ? null : fields.get(index).value();
    }

    /** Every value of that name, in order (an unmodifiable empty list when there is none). */
    public List<String> all(String name) {
        List<String> values = null;
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (field.hasName(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(field.value());
            }
        }
        return values == null ? List.of() : values;
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    public int count(String name) {
        int count = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).hasName(name)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Whether a comma-separated list header ({@code Connection}, {@code Transfer-Encoding}...)
     * holds {@code token}, compared without case, across all fields of that name.
     */
    public boolean hasToken(String name, String token) {
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            if (field.hasName(name) && containsToken(field.value(), token)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the comma-separated {@code list} has {@code token}, without case and surrounding blanks. */
    private static boolean containsToken(String list, String token) {
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            int from = start;
            int to = end;
            while (from < to && (list.charAt(from) == ' ' || list.charAt(from) == '\t')) {
                from++;
            }
            while (to > from && (list.charAt(to - 1) == ' ' || list.charAt(to - 1) == '\t')) {
                to--;
            }
            if (to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    /**
     * Writes every name in lower case, as HAProxy forwards them on HTTP/1 (its internal message
     * form keeps names lower-cased; {@code h1-case-adjust} is not supported yet).
     */
    public void lowerCaseNames() {
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            String lower = CommonFieldNames.toLowerCase(field.name());
            if (!lower.equals(field.name())) {
                fields.set(i, new Field(lower, field.value()));
            }
        }
    }

    public int size() {
        return fields.size();
    }

    public Field get(int index) {
        return fields.get(index);
    }

    public void forEach(BiConsumer<String, String> action) {
        fields.forEach(field -> action.accept(field.name(), field.value()));
    }

    @Override
    public Iterator<Field> iterator() {
        return fields.iterator();
    }

    private int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).hasName(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
