package io.tidings.contacts.address;

/** Why an address is refused; the name is the stable reason code shown to clients. */
public enum AddressFault {
    MISSING_EMAIL("the email is empty"),
    WHITESPACE("the address contains whitespace"),
    MISSING_AT("the address has no @"),
    MULTIPLE_AT("the address has more than one @"),
    LOCAL_PART_LENGTH("the part before @ must be 1 to 64 characters"),
    ADDRESS_TOO_LONG("the address is longer than 254 characters"),
    DOMAIN_WITHOUT_DOT("the domain has no dot"),
    IP_LITERAL("an IP address is not accepted as the domain"),
    LOCALHOST("localhost is not a deliverable domain"),
    INVALID_CHARACTER("the address contains a character mail systems reject"),
    INVALID_DOMAIN("the domain is not a valid (internationalised) domain name"),
    INVALID_EMAIL("not a valid email address");

    private final String message;

    AddressFault(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
