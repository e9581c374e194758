package dev.shuttle.rules;

/** The list of action families; each is a class with a {@code static void register(ActionRegistry)}. */
final class StandardActions {
    private StandardActions() {}

    static void registerAll(ActionRegistry registry) {
        HeaderActions.register(registry);
        MessageActions.register(registry);
        VariableActions.register(registry);
        ReplyActions.register(registry);
        RedirectActions.register(registry);
        TcpActions.register(registry);
        NormalizeActions.register(registry);
        StreamActions.register(registry);
        AddressActions.register(registry);
        BackConnectionActions.register(registry);
        CaptureActions.register(registry);
        MapActions.register(registry);
        ServiceActions.register(registry);
        StrictMode.register(registry);
        RefusedActions.register(registry);
    }
}
