package dev.kiroscim.server.http;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Answers a request that offers a protocol upgrade ({@code Upgrade: h2c}, {@code Upgrade: websocket}) over HTTP/1.1,
 * as if the offer were absent; RFC 9110 §7.8 and RFC 9113 §3.1 let a server ignore it. We serve no upgraded protocol.
 *
 * <p>Why a filter: Grizzly's HTTP codec treats every request with an {@code Upgrade} header as the start of another
 * protocol. It stops framing the body by {@code Content-Length} and passes the rest of the connection through as
 * the body, expecting an upgrade filter (Grizzly's HTTP/2 or WebSocket add-on, neither of which we ship) to take
 * over. Nobody does, so reading a POST body never ended: the JDK {@code HttpClient}, which offers {@code h2c} on every
 * {@code http://} request by default, got a 500 when it gave up and closed (decisions: "upgrade offers").
 * The codec announces the offer with an {@link HttpEvents.IncomingHttpUpgradeEvent} before it frames the body; this
 * filter declines it there, so the body is framed and the connection kept alive like any HTTP/1.1 request's.
 */
public final class UpgradeOffersIgnored extends BaseFilter implements AddOn {

    /** Registers the filter on {@code listener}; call before {@code HttpServer.start()}. */
    public static void install(NetworkListener listener) {
        listener.registerAddOn(new UpgradeOffersIgnored());
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec < 0) {
            throw new IllegalStateException("no Grizzly HTTP codec filter on listener " + listener.getName());
        }
        builder.add(codec + 1, this);
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) {
        if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
            decline(((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader());
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }

    /** Undoes what the codec did on seeing the offer: no pass-through body, and no upgrade once answered. */
    static void decline(HttpHeader offer) {
        offer.setIgnoreContentModifiers(false);
        offer.getUpgradeDC().recycle();
    }
}
