package io.tidings.contacts.address;

/** The outcome of checking an address: valid and normalised, or refused with a reason. */
public sealed interface AddressVerdict {

    /** An address that may be stored. */
    record Valid(EmailAddress address) implements AddressVerdict {
    }

    /** An address that is refused, with a reason code and a message for people. */
    record Invalid(AddressFault fault, String message) implements AddressVerdict {
        public Invalid(AddressFault fault) {
            this(fault, fault.message());
        }
    }
}
