package dev.shuttle.stats;

/**
 * The kind of object a {@code show stat} row describes, with the number of its {@code type} column
 * and the letter that starts its typed-output lines (management.txt §9.1 field 32, §9.3 "show stat").
 */
public enum ObjectType {
    FRONTEND(0, 'F', "Frontend"),
    BACKEND(1, 'B', "Backend"),
    SERVER(2, 'S', "Server"),
    LISTENER(3, 'L', "Listener");

    private final int number;
    private final char letter;
    private final String jsonName;

    ObjectType(int number, char letter, String jsonName) {
        this.number = number;
        this.letter = letter;
        this.jsonName = jsonName;
    }

    /** The {@code type} column: 0 frontend, 1 backend, 2 server, 3 listener. */
    public int number() {
        return number;
    }

    /** The letter of the typed output ({@code F}, {@code B}, {@code S}, {@code L}). */
    public char letter() {
        return letter;
    }

    /** The {@code objType} of the JSON output. */
    public String jsonName() {
        return jsonName;
    }

    /**
     * The bit of this type in a {@code show stat <iid> <type> <sid>} type mask (1 frontend, 2
     * backend, 4 server; 8 listener, which the manual leaves out and 3.5 reads so).
     */
    public int maskBit() {
        return switch (this) {
            case FRONTEND -> 1;
            case BACKEND -> 2;
            case SERVER -> 4;
            case LISTENER -> 8;
        };
    }
}
