package io.tidings.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {
    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void echoServer() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> echoBack(s));
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = TcpProxy.to("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void forwardsBytesBothWays() throws IOException {
        try (Socket client = new Socket("127.0.0.1", proxy.port())) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
            assertThat(roundTrip(client, "again")).isEqualTo("again");
        }
        assertThat(proxy.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void cutClosesOpenConnectionsAndRefusesNewOnesUntilRestored() throws IOException {
        Socket client = new Socket("127.0.0.1", proxy.port());
        assertThat(roundTrip(client, "before")).isEqualTo("before");

        proxy.cut();

        assertThat(proxy.isCut()).isTrue();
        client.setSoTimeout(5000);
        assertThat(readOrEnd(client)).as("the open connection ends").isEqualTo(-1);
        client.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", proxy.port()).close()).isInstanceOf(ConnectException.class);

        proxy.restore();

        assertThat(proxy.isCut()).isFalse();
        try (Socket again = new Socket("127.0.0.1", proxy.port())) {
            assertThat(roundTrip(again, "after")).isEqualTo("after");
        }
        assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    }

    @Test
    void restoreWithoutCutAndCutTwiceAreHarmless() throws IOException {
        proxy.restore();
        proxy.cut();
        proxy.cut();
        proxy.restore();
        try (Socket client = new Socket("127.0.0.1", proxy.port())) {
            assertThat(roundTrip(client, "ok")).isEqualTo("ok");
        }
    }

    @Test
    void cutAndRestoreRightAfterEachOtherRebindTheSamePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (Socket client = new Socket("127.0.0.1", proxy.port())) {
                assertThat(roundTrip(client, "round " + i)).isEqualTo("round " + i);
                proxy.cut();
                proxy.restore();
            }
        }
        assertThat(proxy.connectionsAccepted()).isEqualTo(20);
    }

    @Test
    void retargetClosesOpenConnectionsAndSendsNewOnesToTheOtherServer() throws IOException {
        try (ServerSocket greeter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!greeter.isClosed()) {
                    try (Socket s = greeter.accept()) {
                        s.getOutputStream().write("other".getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Socket client = new Socket("127.0.0.1", proxy.port());
            assertThat(roundTrip(client, "echo")).isEqualTo("echo");

            proxy.retarget("127.0.0.1", greeter.getLocalPort());

            client.setSoTimeout(5000);
            assertThat(readOrEnd(client)).as("the open connection ends").isEqualTo(-1);
            client.close();
            try (Socket again = new Socket("127.0.0.1", proxy.port())) {
                again.setSoTimeout(5000);
                assertThat(new String(again.getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
                        .isEqualTo("other");
            }
            assertThat(proxy.connectionsAccepted()).isEqualTo(2);
        }
    }

    @Test
    void postgresThroughTheProxyFailsWhileCutAndWorksAfterRestore() throws SQLException {
        TestDatabase database = TestDatabase.create();
        try (TcpProxy pg = TcpProxy.to(database.host(), database.port())) {
            String url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + database.name();
            Properties props = new Properties();
            props.setProperty("user", database.user());
            props.setProperty("connectTimeout", "5");
            try (Connection c = DriverManager.getConnection(url, props)) {
                assertThat(selectOne(c)).isEqualTo(1);
                pg.cut();
                assertThatThrownBy(() -> selectOne(c)).isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> DriverManager.getConnection(url, props).close())
                    .isInstanceOf(SQLException.class);

            pg.restore();

            try (Connection c = DriverManager.getConnection(url, props)) {
                assertThat(selectOne(c)).isEqualTo(1);
            }
        } finally {
            database.drop();
        }
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.setSoTimeout(5000);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        byte[] back = socket.getInputStream().readNBytes(bytes.length);
        return new String(back, StandardCharsets.US_ASCII);
    }

    private static int readOrEnd(Socket socket) {
        try {
            return socket.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static void echoBack(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException ended) {
            // the client or the proxy closed
        }
    }
}
