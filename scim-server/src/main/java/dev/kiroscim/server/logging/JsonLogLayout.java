package dev.kiroscim.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log line, for log shippers ({@code serve --log-format json}). The fields are fixed, so a
 * pipeline can index them without parsing messages:
 * <pre>
 * {"time":"2026-12-01T13:05:09.120Z","level":"INFO","logger":"dev.kiroscim.access","thread":"kiro-http(3)",
 *  "message":"GET scim/v2/Users 200 4 ms","requestId":"okta-run-42","actor":"okta",
 *  "method":"GET","path":"scim/v2/Users","status":200,"durationMs":4}
 * </pre>
 * {@code requestId} and {@code actor} come from the MDC (dev.kiroscim.server.http.RequestLogContext) and are left out outside a
 * request; other MDC entries and the event's key-value pairs ({@code LOG.atInfo().addKeyValue(...)}) become fields
 * of their own; an exception becomes {@code error} with its stack trace.
 */
public final class JsonLogLayout extends LayoutBase<ILoggingEvent> {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField(
                    "time", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(event.getTimeStamp())));
            json.writeStringField("level", event.getLevel().toString());
            json.writeStringField("logger", event.getLoggerName());
            json.writeStringField("thread", event.getThreadName());
            json.writeStringField("message", event.getFormattedMessage());
            for (Map.Entry<String, String> mdc : event.getMDCPropertyMap().entrySet()) {
                json.writeStringField(mdc.getKey(), mdc.getValue());
            }
            if (event.getKeyValuePairs() != null) {
                for (KeyValuePair pair : event.getKeyValuePairs()) {
                    json.writeFieldName(pair.key);
                    writeValue(json, pair.value);
                }
            }
            if (event.getThrowableProxy() != null) {
                json.writeStringField("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    /** Numbers and booleans stay JSON numbers and booleans, so {@code status >= 500} works in the pipeline. */
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else {
            json.writeString(value.toString());
        }
    }
}
