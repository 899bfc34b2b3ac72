package dev.kiroscim.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest frames of a JFR recording's {@code jdk.ExecutionSample} events (what {@code jfr print --events
 * jdk.ExecutionSample} shows, aggregated): top-of-stack methods (self time), and the project's own methods by the
 * share of samples they appear in (inclusive time; a method counted once per sample however deep it recurses).
 */
final class JfrTopFrames {

    private JfrTopFrames() {}

    static String summarize(Path recording) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> byLibrary = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            byLibrary.merge(library(frames.get(0).getMethod().getType().getName()), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                if (inclusiveInterest(name) && seen.add(name)) {
                    inclusive.merge(name, 1, Integer::sum);
                }
            }
        }
        int total = samples;
        return "samples: " + total + "\n\nself, by library (first three package names):\n" + top(byLibrary, total, 12)
                + "\nself (top of stack):\n" + top(self, total, 15)
                + "\ninclusive (project, Hibernate, Jackson, JDBC, digest frames):\n" + top(inclusive, total, 30);
    }

    private static String library(String className) {
        String[] parts = className.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
    }

    private static boolean inclusiveInterest(String name) {
        return name.startsWith("dev.kiroscim.")
                || name.startsWith("org.hibernate.internal.SessionImpl.")
                || name.startsWith("org.hibernate.engine.transaction")
                || name.startsWith("com.fasterxml.jackson.databind.ObjectMapper.")
                || name.startsWith("java.security.MessageDigest.")
                || name.startsWith("com.zaxxer.hikari.HikariDataSource.")
                || name.startsWith("org.h2.jdbc.JdbcConnection.commit")
                || name.startsWith("org.postgresql.jdbc.PgConnection.commit")
                || name.startsWith("org.glassfish.jersey.server.ServerRuntime$Responder.process")
                || name.startsWith("org.glassfish.jersey.server.ContainerFilteringStage.apply")
                || name.startsWith("org.h2.command.Parser.parse")
                || name.startsWith("org.h2.engine.SessionLocal.prepareLocal");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String top(Map<String, Integer> counts, int total, int n) {
        return counts.entrySet().stream()
                        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(n)
                        .map(e -> String.format(
                                java.util.Locale.ROOT,
                                "  %5.1f%%  %s",
                                100.0 * e.getValue() / Math.max(1, total),
                                e.getKey()))
                        .collect(Collectors.joining("\n"))
                + "\n";
    }
}
