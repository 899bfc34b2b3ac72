package dev.kiroscim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of processes from Linux {@code /proc/PID/stat}: {@code utime + stime} (fields 14 and 15) in clock ticks.
 * The tick is 10 ms on Linux ({@code getconf CLK_TCK} = 100); an 8 s run at thousands of requests per second is
 * hundreds of ticks, so the rounding is well under 1%.
 */
final class ProcessCpu {

    private static final double MILLIS_PER_TICK = 1000.0 / Long.getLong("bench.clockTicks", 100);

    private ProcessCpu() {}

    static double millis(long ticks) {
        return ticks * MILLIS_PER_TICK;
    }

    /** utime + stime of one process so far; 0 once it is gone. */
    static long ticks(long pid) {
        try {
            return ticksIn(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The PostgreSQL backends connected to {@code database}: their process title is
     * {@code postgres: <user> <database> <client> <state>}. Background processes (WAL writer, checkpointer) are not
     * included: they serve every database on the cluster.
     */
    static Snapshot postgresBackends(String database) throws IOException {
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String title = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (title.startsWith("postgres: ") && title.contains(" " + database + " ")) {
                        long pid = Long.parseLong(name);
                        ticks.put(pid, ticks(pid));
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        return new Snapshot(ticks);
    }

    /** CPU ticks per backend process at one moment. */
    record Snapshot(Map<Long, Long> ticks) {
        /** Ticks used since {@code before}; a backend that started in between counts from zero. */
        long ticksSince(Snapshot before) {
            long sum = 0;
            for (Map.Entry<Long, Long> e : ticks.entrySet()) {
                sum += e.getValue() - before.ticks.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }
    }

    /**
     * CPU ticks of a process's threads, summed by thread name with the numbers taken out ({@code kiro-http(12)} counts
     * as {@code kiro-http}, {@code GC Thread#1} as {@code GC Thread#}). Names come from {@code /proc/PID/task/TID/comm}, cut to 15 characters by Linux.
     */
    static Map<String, Long> byThreadName(long pid) {
        Map<String, Long> names = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim().replaceAll("\\(\\d+\\)|\\d+$", "");
                    long ticks = ticks(pid, Long.parseLong(task.getFileName().toString()));
                    names.merge(comm, ticks, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return names;
    }

    /**
     * What a thread does: {@code request} (the {@code kiro-http} workers that serve requests), {@code h2} (H2's
     * background writer, chunk serialisation and save threads, which write and compact the file after commits) or
     * {@code other} (the outbox and notification workers, the JIT, the garbage collector).
     */
    static String threadKind(String name) {
        if (name.startsWith("kiro-http")) {
            return "request";
        }
        if (name.startsWith("MVStore") || name.startsWith("H2-")) {
            return "h2";
        }
        return "other";
    }

    private static long ticks(long pid, long tid) throws IOException {
        return ticksIn(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
    }

    /** utime + stime from a process's or a thread's {@code stat} file. */
    private static long ticksIn(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // Fields after the command name, which is in parentheses and may itself contain spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
