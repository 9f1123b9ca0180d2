package io.tidings.contacts.importing.rows;

/** Stops an import for a reason the client can act on; its message is shown as the job's failure. */
public class ImportFailure extends RuntimeException {

    public ImportFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
