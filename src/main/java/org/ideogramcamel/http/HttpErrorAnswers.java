package org.ideogramcamel.http;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * A body over {@code ideogram.max-file-size} is refused by the HTTP server before it reaches a route; this makes
 * that answer ({@code 413}) JSON with a reason, like every answer the routes give, instead of a plain-text page.
 */
public class HttpErrorAnswers implements StartupListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final long maxBodyBytes;

    public HttpErrorAnswers(int port, long maxBodyBytes) {
        this.port = port;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the server's router exists only once the server has started: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.PLATFORM_HTTP_ROUTER_NAME_ZERO);
        }
        if (router == null) {
            return;
        }
        // a failure handler on the router the routes live on: it sees the body handler's 413 before the server
        // would answer it in plain text (and log it as an unhandled failure)
        Handler<RoutingContext> tooLarge = answer(413, "the body is over the " + maxBodyBytes
                + "-byte limit (ideogram.max-file-size)");
        router.route().failureHandler(routingContext -> {
            if (routingContext.statusCode() == 413) {
                tooLarge.handle(routingContext);
            } else {
                routingContext.next();
            }
        });
    }

    private static Handler<RoutingContext> answer(int status, String reason) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("error", reason));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return routingContext -> {
            if (!routingContext.response().ended()) {
                routingContext.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                        .end(body);
            }
        };
    }
}
