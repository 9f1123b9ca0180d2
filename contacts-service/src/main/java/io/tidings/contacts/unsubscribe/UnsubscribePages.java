package io.tidings.contacts.unsubscribe;

/** The two small HTML pages of an unsubscribe link; they show no personal data, since links get forwarded. */
final class UnsubscribePages {
    private static final String HEAD = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">"
            + "<title>%s</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}"
            + "button{font-size:1rem;padding:.6rem 1.2rem}</style></head><body>";

    private UnsubscribePages() {
    }

    /** Asks for confirmation; the form posts back to the same address (the one-click endpoint). */
    static String confirm() {
        return HEAD.formatted("Unsubscribe") + "<h1>Unsubscribe</h1>"
                + "<p>Do you want to stop receiving these emails?</p>"
                + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form></body></html>";
    }

    static String done() {
        return HEAD.formatted("Unsubscribed") + "<h1>You are unsubscribed</h1>"
                + "<p>You will not receive these emails any more.</p></body></html>";
    }
}
