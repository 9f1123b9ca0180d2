package io.tidings.contacts.importing;

/** Where an import job is: QUEUED until a worker takes it, RUNNING, then COMPLETED or FAILED. */
public enum ImportState {
    QUEUED, RUNNING, COMPLETED, FAILED
}
