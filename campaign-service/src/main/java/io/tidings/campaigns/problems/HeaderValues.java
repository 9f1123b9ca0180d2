package io.tidings.campaigns.problems;

/** Guards values that end up in mail headers: CR, LF or NUL would let them inject headers of their own. */
public final class HeaderValues {
    public static final String MESSAGE = "must not contain line breaks or NUL characters";

    private HeaderValues() {
    }

    public static boolean breaksHeader(String value) {
        return value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0);
    }
}
