package io.tidings.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the event fixtures and schemas of deploy/contracts, which this module puts under contracts/. */
public final class Contracts {
    private Contracts() {
    }

    /** The text of a contract file, e.g. {@code fixture("delivery.requests/v1.json")}. */
    public static String fixture(String path) {
        return read("contracts/fixtures/" + path);
    }

    public static String schema(String path) {
        return read("contracts/schemas/" + path);
    }

    private static String read(String resource) {
        try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract file " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
