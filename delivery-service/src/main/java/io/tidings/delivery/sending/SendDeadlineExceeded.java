package io.tidings.delivery.sending;

import java.time.Duration;

/** A send got no final reply within its deadline: it may or may not have been delivered. */
public class SendDeadlineExceeded extends RuntimeException {
    public SendDeadlineExceeded(Duration deadline) {
        super("no reply within the send deadline of " + deadline);
    }
}
