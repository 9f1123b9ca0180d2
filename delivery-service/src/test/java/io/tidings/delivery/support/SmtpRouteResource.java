package io.tidings.delivery.support;

import com.icegreen.greenmail.util.GreenMail;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tidings.testing.SmtpResource;
import io.tidings.testing.TcpProxy;
import java.util.Map;

/**
 * Gives the delivery tests real SMTP servers behind one address: GreenMail (a mailbox to read) by default, and,
 * for a test that needs scripted replies, an {@code smtp-sink} it routes to with {@link #routeTo}. The mailer always
 * connects to a {@link TcpProxy}; changing the route closes every open connection, so the mailer's pool cannot carry
 * a session over to the next server.
 */
public class SmtpRouteResource implements QuarkusTestResourceLifecycleManager {
    private static volatile GreenMail greenMail;
    private static volatile TcpProxy route;

    @Override
    public Map<String, String> start() {
        greenMail = SmtpResource.startServer();
        route = TcpProxy.to("127.0.0.1", greenMail.getSmtp().getPort());
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(route.port()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.auth-methods", "");
    }

    /** The GreenMail server the mailer reaches unless a test routes it elsewhere. */
    public static GreenMail greenMail() {
        return greenMail;
    }

    /** Routes the mailer's new connections to this server (closing the open ones). */
    public static void routeTo(String host, int port) {
        route.retarget(host, port);
    }

    /** Routes the mailer back to GreenMail. */
    public static void routeToGreenMail() {
        route.retarget("127.0.0.1", greenMail.getSmtp().getPort());
    }

    /** The mailer's connections are refused from now on, as by a relay that is down. */
    public static void refuseConnections() {
        route.cut();
    }

    /** The mailer's connections are accepted again. */
    public static void acceptConnections() {
        route.restore();
    }

    @Override
    public void stop() {
        if (route != null) {
            route.close();
        }
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
