package io.tidings.delivery.support;

import io.tidings.testing.SmtpSinkServer;

/**
 * Points delivery-service's SMTP route at a scripted smtp-sink for one test, and back at GreenMail after it (the
 * route and the application are shared by every test class).
 */
public final class SinkRoutes {
    private SinkRoutes() {
    }

    /** Routes delivery's SMTP to the sink; returns it. */
    public static SmtpSinkServer routeTo(SmtpSinkServer sink) {
        SmtpRouteResource.routeTo(sink.host(), sink.port());
        return sink;
    }

    /** After a test: the route goes back to GreenMail and the sink, if one was started, is stopped. */
    public static void backToGreenMail(SmtpSinkServer sink) {
        SmtpRouteResource.routeToGreenMail();
        if (sink != null) {
            sink.close();
        }
    }
}
