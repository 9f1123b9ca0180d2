package io.tidings.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix's {@code smtp-sink} (Debian package {@code postfix}) as a real SMTP peer with scriptable replies, on a free
 * loopback port, stopped by its PID. It counts every message it accepts as it happens ({@code -c}: the time of
 * each one, as this JVM reads it) and, when recording, appends each transaction to a dump file whose
 * {@code X-Rcpt-Args} lines say who got what; when timestamping, each message goes to a file of its own, written by
 * the sink at the time it accepts it. Faults come from its own flags, e.g. {@code -r rcpt} (450 4.3.0),
 * {@code -f rcpt} (500 5.3.0), {@code -b "451 4.7.1 slow down"}, {@code -Q .} (421 and hang up), {@code -q .}
 * (hang up without a reply), {@code -W .:5} (hold the final reply 5 s).
 */
public final class SmtpSinkServer implements AutoCloseable {
    private static final Pattern MESSAGES = Pattern.compile("mesg=(\\d+)");
    private static final Pattern RECIPIENT = Pattern.compile("^X-Rcpt-Args: <([^>]*)>", Pattern.MULTILINE);

    private final Process process;
    private final int port;
    private final Path dump;
    // per-message files (timestamping): each one's modification time is when the sink wrote the message's end
    private final Path messages;
    // appended to by the counter thread only; read under its lock (a copy-on-write list costs O(n) per message, which
    // falls behind the sink at benchmark volumes)
    private final List<Instant> accepted = new ArrayList<>();

    private SmtpSinkServer(Process process, int port, Path dump, Path messages) {
        this.messages = messages;
        this.process = process;
        this.port = port;
        this.dump = dump;
        Thread counter = new Thread(this::count, "smtp-sink-" + port);
        counter.setDaemon(true);
        counter.start();
    }

    /** Where {@code smtp-sink} is, or null when it is not installed. */
    public static Path binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "smtp-sink");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts a sink that also records every transaction (for counting per recipient), with extra flags. */
    public static SmtpSinkServer recording(String... flags) {
        return start(true, false, flags);
    }

    /** Starts a sink that only counts (for throughput: a dump slows the sink down), with extra flags. */
    public static SmtpSinkServer counting(String... flags) {
        return start(false, false, flags);
    }

    /**
     * Starts a sink that also writes each message to a file of its own, so that {@link #acceptedAt()} gives the
     * times the sink itself wrote them (file modification times), not when this JVM read its counter: for rate
     * windows on a busy machine. Costs a file per message.
     */
    public static SmtpSinkServer timestamping(String... flags) {
        return start(false, true, flags);
    }

    private static SmtpSinkServer start(boolean record, boolean timestamp, String... flags) {
        Path binary = binary();
        if (binary == null) {
            throw new IllegalStateException("smtp-sink is missing: install Debian's postfix package (.ci/run does)");
        }
        int port = FreePorts.next();
        try {
            Path dir = Files.createTempDirectory("smtp-sink-");
            // smtp-sink drops to the postfix user when started as root: it must be able to write its dump here
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Path dump = dir.resolve("dump");
            List<String> command = new ArrayList<>(List.of(binary.toString(), "-c"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "postfix"));
            }
            if (record) {
                command.addAll(List.of("-D", dump.toString()));
            }
            Path messages = timestamp ? Files.createDirectories(dir.resolve("messages")) : null;
            if (timestamp) {
                Files.setPosixFilePermissions(messages, PosixFilePermissions.fromString("rwxrwxrwx"));
                command.addAll(List.of("-d", messages.resolve("m.").toString()));
            }
            command.addAll(List.of(flags));
            command.addAll(List.of("127.0.0.1:" + port, "256"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            SmtpSinkServer sink = new SmtpSinkServer(process, port, dump, messages);
            sink.awaitListening();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start smtp-sink", e);
        }
    }

    private void awaitListening() {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("smtp-sink exited with " + process.exitValue());
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    TimeUnit.MILLISECONDS.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("smtp-sink did not listen on port " + port + " within 10 s");
    }

    // -c writes "sess=N quit=N mesg=N" and a carriage return whenever a session ends or a message is accepted
    private void count() {
        try (InputStream in = process.getInputStream()) {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c != '\r' && c != '\n') {
                    line.append((char) c);
                    continue;
                }
                Matcher m = MESSAGES.matcher(line);
                if (m.find()) {
                    Instant now = Instant.now();
                    long n = Long.parseLong(m.group(1));
                    synchronized (accepted) {
                        while (accepted.size() < n) {
                            accepted.add(now);
                        }
                    }
                }
                line.setLength(0);
            }
        } catch (IOException stopped) {
            // the sink was stopped
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** How many messages the sink has accepted (answered the final "." with 250) so far. */
    public int accepted() {
        synchronized (accepted) {
            return accepted.size();
        }
    }

    /**
     * When the sink accepted each message, in order: as the sink wrote them when {@link #timestamping}, else as this
     * JVM read the sink's counter.
     */
    public List<Instant> acceptedAt() {
        return messages != null ? written() : countedAt();
    }

    /** When this JVM read the sink's counter go up for each message, in order (whatever the mode). */
    public List<Instant> countedAt() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    private List<Instant> written() {
        try (var files = Files.list(messages)) {
            return files.map(file -> {
                try {
                    return Files.getLastModifiedTime(file).toInstant();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * When the sink accepted its {@code n}th message (counting from 1 since it started), or null if it has not yet:
     * e.g. the last message of a benchmark run, without copying every timestamp.
     */
    public Instant acceptedAt(int n) {
        synchronized (accepted) {
            return n >= 1 && n <= accepted.size() ? accepted.get(n - 1) : null;
        }
    }

    /**
     * The most messages in any window [t, t + {@code window}) that starts at a message, for times in order (as
     * {@link #acceptedAt()} returns them): what a sender's rate limit bounds, counted where the mail arrives.
     */
    public static int mostInAnyWindow(List<Instant> sorted, Duration window) {
        int most = 0;
        for (int first = 0, last = 0; first < sorted.size(); first++) {
            Instant end = sorted.get(first).plus(window);
            while (last < sorted.size() && sorted.get(last).isBefore(end)) {
                last++;
            }
            most = Math.max(most, last - first);
        }
        return most;
    }

    /** How many recorded transactions each recipient address got (needs {@link #recording}). */
    public Map<String, Integer> recipients() {
        Map<String, Integer> counts = new TreeMap<>();
        try {
            if (!Files.exists(dump)) {
                return counts;
            }
            Matcher m = RECIPIENT.matcher(Files.readString(dump, StandardCharsets.ISO_8859_1));
            while (m.find()) {
                counts.merge(m.group(1).toLowerCase(), 1, Integer::sum);
            }
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the sink by its PID (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
