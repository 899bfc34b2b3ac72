package dev.kiroscim.core.usage;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/** Port: where Kiro's {@code user_report} CSV files are (an S3 bucket, or a directory they were copied to). */
public interface ReportSource {

    /** Every {@code user_report} CSV whose day is {@code from} or later, sorted by key. */
    List<ReportObject> list(LocalDate from) throws IOException;

    /** The file's content (UTF-8 text). */
    String read(ReportObject file) throws IOException;

    /** Where the files are, for messages: {@code s3://bucket/prefix/AWSLogs/…/user_report/} or a path. */
    String describe();
}
