package dev.shuttle.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The compiled arguments of one fetch or converter call: each already converted to its
 * {@link ArgType}'s Java form (STR → String, SINT/TIME/SIZE → Long, IPV4/IPV6 → InetAddress,
 * MSK4/MSK6 → the mask as a byte[] of 4 or 16 bytes, REG → Pattern, VAR → {@link VariableName}, MAP → the map
 * object, BACKEND/FRONTEND/SERVER → their name as a String). Absent optional arguments are null.
 */
public record Arguments(List<Object> values) {
    public static final Arguments NONE = new Arguments(List.of());

    /** Takes a copy that may hold nulls (absent optional arguments). */
    public Arguments {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    /**
     * A fetch's or converter's own check of its arguments once they are parsed (HAProxy's
     * {@code val_args}): refuses bad values, and may return them transformed for fast evaluation
     * (e.g. a unit name turned into a divisor). Its message is reported as
     * {@code invalid args in fetch method 'name' : <message>} (or {@code in converter}).
     */
    @FunctionalInterface
    public interface Checker {
        Checker NONE = arguments -> arguments;

        Arguments check(Arguments arguments) throws SampleCompileException;
    }

    /** These arguments with the one at {@code index} replaced (for checkers). */
    public Arguments with(int index, Object value) {
        List<Object> copy = new ArrayList<>(values);
        while (copy.size() <= index) {
            copy.add(null);
        }
        copy.set(index, value);
        return new Arguments(copy);
    }

    public int count() {
        return values.size();
    }

    public boolean has(int index) {
        return index < values.size() && values.get(index) != null;
    }

    public String str(int index) {
        return (String) values.get(index);
    }

    public long sint(int index) {
        return (Long) values.get(index);
    }

    public Pattern regex(int index) {
        return (Pattern) values.get(index);
    }

    public VariableName variable(int index) {
        return (VariableName) values.get(index);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(int index) {
        return (T) values.get(index);
    }
}
