package io.tidings.testing;

import java.io.IOException;

/** The machine's load as {@code uptime} prints it: every benchmark run records it beside its figures. */
public final class Load {
    private Load() {
    }

    /** {@code uptime}'s line (time, users, load averages), or "unknown" if it cannot be run. */
    public static String uptime() {
        try {
            return new String(new ProcessBuilder("uptime").start().getInputStream().readAllBytes()).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
