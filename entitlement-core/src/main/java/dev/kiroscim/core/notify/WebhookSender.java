package dev.kiroscim.core.notify;

/**
 * Port: one POST of a prepared body to an endpoint, signed with the endpoint's secret ({@link WebhookSignature}),
 * with short timeouts, no redirects followed, and the {@link TargetRules} applied to the address connected to.
 */
public interface WebhookSender {

    /**
     * @param eventId     the CloudEvents id, also sent as {@link WebhookSignature#EVENT_ID_HEADER}
     * @param contentType {@link CloudEventFormat#CONTENT_TYPE} or {@link SlackFormat#CONTENT_TYPE}
     */
    DeliveryOutcome send(NotificationEndpoint endpoint, String eventId, String contentType, byte[] body);
}
