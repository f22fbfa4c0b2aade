package dev.idp.sandbox;

/** Arguments for {@link SandboxMain#start} in tests; Spring reads {@code --name=value} as properties. */
final class SandboxTestArgs {

    /** No scheduled sweeps: the test counts the queries and events of the sweeps it starts itself. */
    static final String[] ONLY_REQUESTED_SWEEPS = {"--idp.observation.scheduled=false"};

    private SandboxTestArgs() {}
}
