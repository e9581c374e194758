package dev.shuttle.sample;

/** A variable reference, {@code txn.name}: its scope and its name within the scope. */
public record VariableName(VariableStore.Scope scope, String name) {
    @Override
    public String toString() {
        return scope.name().toLowerCase(java.util.Locale.ROOT) + "." + name;
    }
}
