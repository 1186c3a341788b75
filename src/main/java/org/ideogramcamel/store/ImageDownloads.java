package org.ideogramcamel.store;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.util.IOHelper;
import org.ideogramcamel.Redeliveries;
import org.ideogramcamel.CamelHeaders;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.OutgoingHttp;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.GeneratedImage;

/**
 * Route-facing steps that fetch one image over camel-http. Image hosts (CDNs) never get credentials: every
 * header is dropped before the request.
 */
public class ImageDownloads {

    /** Route step: the split body (a {@link GeneratedImage}) becomes the image being stored. */
    public void begin(Exchange exchange) throws InvalidPayloadException {
        exchange.setProperty(ExchangeKeys.IMAGE, exchange.getMessage().getMandatoryBody(GeneratedImage.class));
    }

    /** Route step: the GET request for the image URL, with no headers at all. */
    public void toHttpRequest(Exchange exchange) {
        GeneratedImage image = image(exchange);
        URI uri = URI.create(image.url());
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            throw new ImageDownloadException(0, "image " + image.index() + " has a URL that is not http(s): "
                    + uri.getScheme());
        }
        Message message = exchange.getMessage();
        OutgoingHttp.prepare(message, uri.toString(), "GET");
        message.setBody(null);
    }

    /** Route step: fails the download on an error status; the body stays a stream for the store. */
    public void checkAnswer(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = Objects.requireNonNullElse(message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class), 0);
        String retryAfter = message.getHeader("Retry-After", String.class);
        CamelHeaders.keepOnly(message);
        if (status < 200 || status >= 300) {
            // the error body is not wanted: release the connection now rather than when the exchange ends
            IOHelper.close(message.getBody(InputStream.class));
            message.setBody(null);
            ImageDownloadException failure = new ImageDownloadException(status,
                    "image " + image(exchange).index() + " download answered HTTP " + status);
            Duration wait = Dialects.parseRetryAfter(retryAfter);
            if (failure.isRetryable() && wait != null) {
                // seconds or an HTTP date, capped like a provider's own Retry-After
                message.setHeader(Exchange.REDELIVERY_DELAY, Math.min(wait.toMillis(), 300_000L));
            }
            throw failure;
        }
        Redeliveries.reset(exchange);
    }

    /** Route step: an image the provider sent inline needs no download. */
    public void useInlineBytes(Exchange exchange) {
        CamelHeaders.keepOnly(exchange.getMessage());
        exchange.getMessage().setBody(image(exchange).bytes());
    }

    private static GeneratedImage image(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.IMAGE, GeneratedImage.class);
    }
}
