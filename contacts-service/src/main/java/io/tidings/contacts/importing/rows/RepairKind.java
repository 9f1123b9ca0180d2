package io.tidings.contacts.importing.rows;

/** The repairs an import makes to an address cell; the name is the code clients see. */
public enum RepairKind {
    TRIMMED("removed whitespace or invisible characters around the address"),
    UNQUOTED("removed quotes around the address"),
    NAME_ADDRESS("took the address out of the 'Name <address>' form"),
    SQUEEZED_RECORD("the whole record was in the email column; split it into the address and the names"),
    MAILTO("removed a mailto: prefix"),
    TRAILING_DOT("removed a trailing dot after the domain"),
    DOMAIN_CASE("wrote the domain in lower case");

    private final String summary;

    RepairKind(String summary) {
        this.summary = summary;
    }

    public String summary() {
        return summary;
    }
}
