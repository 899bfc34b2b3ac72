package dev.kiroscim.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The most heap a JVM used while sampled: {@code jstat -gc PID 200} (it reads the target's perf-data memory, so it
 * costs the target nothing), summing the used survivor, eden and old spaces of each sample.
 */
final class HeapSampler {

    private final Process jstat;
    private final Thread reader;
    private volatile long maxKib;

    private HeapSampler(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "heap-sampler");
        reader.setDaemon(true);
        reader.start();
    }

    static HeapSampler start(long pid) throws IOException {
        String jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
        return new HeapSampler(new ProcessBuilder(jstat, "-gc", Long.toString(pid), "200")
                .redirectErrorStream(true)
                .start());
    }

    /** Stops sampling; the maximum in KiB (0 if jstat could not read the target). */
    long stop() throws InterruptedException {
        jstat.destroy();
        jstat.waitFor();
        reader.join(2000);
        return maxKib;
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> header = null;
            String line;
            while ((line = in.readLine()) != null) {
                String[] cells = line.trim().split("\\s+");
                if (cells.length > 0 && cells[0].equals("S0C")) {
                    header = Arrays.asList(cells);
                    continue;
                }
                if (header == null || cells.length != header.size()) {
                    continue;
                }
                double used = 0;
                for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                    used += Double.parseDouble(cells[header.indexOf(column)]);
                }
                maxKib = Math.max(maxKib, (long) used);
            }
        } catch (IOException | RuntimeException e) {
            // jstat ended
        }
    }
}
