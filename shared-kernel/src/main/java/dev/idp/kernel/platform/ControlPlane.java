package dev.idp.kernel.platform;

/** The platform-level aggregate's identity: there is one control plane (the management cluster). */
public final class ControlPlane {

    public static final String ID = "control-plane";

    private ControlPlane() {}
}
