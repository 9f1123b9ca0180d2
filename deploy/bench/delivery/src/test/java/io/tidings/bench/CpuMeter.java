package io.tidings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from {@code /proc/<pid>/stat}) that named groups of processes spent between two readings:
 * where the cores went during a timed phase. A group is re-resolved at each reading (PostgreSQL starts a backend per
 * connection), so a process that ended in between is missed, not double-counted.
 */
final class CpuMeter {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux x86_64

    private final Map<String, Supplier<List<Long>>> groups = new LinkedHashMap<>();
    private Map<String, Map<Long, Long>> start;

    CpuMeter group(String name, Supplier<List<Long>> pids) {
        groups.put(name, pids);
        return this;
    }

    CpuMeter process(String name, long pid) {
        return group(name, () -> List.of(pid));
    }

    void start() {
        start = read();
    }

    /** CPU seconds of each group since {@link #start()}. */
    Map<String, Double> stop() {
        Map<String, Map<Long, Long>> end = read();
        Map<String, Double> seconds = new LinkedHashMap<>();
        end.forEach((group, ticks) -> {
            Map<Long, Long> before = start.getOrDefault(group, Map.of());
            long spent = 0;
            for (Map.Entry<Long, Long> process : ticks.entrySet()) {
                spent += process.getValue() - before.getOrDefault(process.getKey(), 0L);
            }
            seconds.put(group, spent / TICKS_PER_SECOND);
        });
        return seconds;
    }

    private Map<String, Map<Long, Long>> read() {
        Map<String, Map<Long, Long>> all = new LinkedHashMap<>();
        groups.forEach((group, pids) -> {
            Map<Long, Long> ticks = new LinkedHashMap<>();
            for (long pid : pids.get()) {
                long t = ticks(pid);
                if (t >= 0) {
                    ticks.put(pid, t);
                }
            }
            all.put(group, ticks);
        });
        return all;
    }

    /** utime + stime of a process in clock ticks, or -1 if it is gone. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command may hold spaces and parentheses: fields count from the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** The processes whose command name ({@code /proc/<pid>/comm}) is the given one, e.g. every postgres backend. */
    static List<Long> named(String comm) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readString(p.resolve("comm")).strip().equals(comm);
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
