package io.tidings.contacts.address;

/**
 * A validated address: as entered, and normalised (local part lower-cased, domain lower-cased in its ASCII
 * punycode form), which keys de-duplication and suppression everywhere.
 */
public record EmailAddress(String entered, String normalized) {
}
