package dev.kiroscim.server.usage;

import dev.kiroscim.core.usage.ReportKeys;
import dev.kiroscim.core.usage.ReportObject;
import dev.kiroscim.core.usage.ReportSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reports copied to disk ({@code usage.directory}): every {@code user_report} CSV below the directory, in the S3
 * layout ({@code …/user_report/<region>/yyyy/mm/dd/00/…csv}) or flat with Kiro's file names
 * ({@code KIRO_IDE_<acct>_user_report_202611140000.csv}). The fingerprint is the SHA-256 of the content.
 */
public final class DirectoryReportSource implements ReportSource {

    private final Path root;

    public DirectoryReportSource(Path root) {
        this.root = root;
    }

    @Override
    public List<ReportObject> list(LocalDate from) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("usage.directory " + root + " is not a directory");
        }
        List<ReportObject> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String key = root.relativize(p).toString().replace('\\', '/');
                Optional<LocalDate> day = ReportKeys.dayOf(key);
                if (ReportKeys.isUserReport(key)
                        && day.isPresent()
                        && !day.get().isBefore(from)) {
                    files.add(new ReportObject(key, sha256(Files.readAllBytes(p)), day.get()));
                }
            }
        }
        files.sort(Comparator.comparing(ReportObject::key));
        return files;
    }

    @Override
    public String read(ReportObject file) throws IOException {
        return Files.readString(root.resolve(file.key()), StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
