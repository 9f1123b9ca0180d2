package io.tidings.gateway.proxy;

import io.tidings.gateway.problem.ProblemType;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** What the client is told when an upstream could not be reached or did not answer. */
record UpstreamFailure(ProblemType type, String detail) {

    static UpstreamFailure of(Upstream upstream, Throwable cause, Duration timeout) {
        if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
            return new UpstreamFailure(ProblemType.UNAVAILABLE,
                    upstream.name() + " is unavailable; try again shortly");
        }
        if (cause instanceof TimeoutException) {
            return new UpstreamFailure(ProblemType.GATEWAY_TIMEOUT,
                    upstream.name() + " did not answer within " + timeout.toSeconds() + " s");
        }
        return new UpstreamFailure(ProblemType.BAD_GATEWAY,
                upstream.name() + " broke off the exchange without a complete answer");
    }
}
