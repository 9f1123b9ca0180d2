package io.tidings.delivery.sending;

/** The mail cannot be sent as composed (a header with CR/LF, a bad address, a broken template): FAILED, unsent. */
public class UnsendableMail extends RuntimeException {
    public UnsendableMail(String reason) {
        super(reason);
    }
}
