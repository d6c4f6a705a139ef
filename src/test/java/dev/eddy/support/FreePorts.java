package dev.eddy.support;

import dev.eddy.embedded.Ports;

/** A port nothing listens on now, for a process a test starts (outside the range port-0 binds take from). */
public final class FreePorts {
    private FreePorts() {}

    public static int any() {
        return Ports.unused();
    }
}
