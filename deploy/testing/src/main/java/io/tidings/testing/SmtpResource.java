package io.tidings.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Gives a Quarkus test a real SMTP server (GreenMail) on a free port and points Quarkus Mailer at it. */
public class SmtpResource implements QuarkusTestResourceLifecycleManager {
    private static volatile GreenMail current;
    private GreenMail server;

    @Override
    public Map<String, String> start() {
        server = startServer();
        current = server;
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(server.getSmtp().getPort()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.auth-methods", "");
    }

    /** A started GreenMail SMTP server on a free loopback port. */
    public static GreenMail startServer() {
        GreenMail server = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** The SMTP server of the running test application, to read what it received. */
    public static GreenMail current() {
        return current;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
