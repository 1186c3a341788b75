package org.ideogramcamel.dialect;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.ideogramcamel.CamelHeaders;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.OutgoingHttp;
import org.ideogramcamel.Redeliveries;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.InvalidJobException;
import org.ideogramcamel.job.Vocabulary;

/**
 * The route-facing side of the dialects: each public method is one step of {@code routes/generate.camel.yaml}
 * and delegates what the provider says to the job's {@link ProviderDialect}.
 */
public class Dialects {

    /** Longest wait a provider's {@code Retry-After} may impose on one redelivery. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final Map<String, ProviderDialect> byName = new LinkedHashMap<>();
    private final AnswerListener listener;

    public Dialects(List<ProviderDialect> dialects) {
        this(dialects, AnswerListener.NONE);
    }

    /** With a listener told of every answer's status (the provider limits adapt to 429s). */
    public Dialects(List<ProviderDialect> dialects, AnswerListener listener) {
        dialects.forEach(d -> byName.put(d.name(), d));
        this.listener = listener;
    }

    public ProviderDialect get(String name) {
        ProviderDialect dialect = byName.get(name);
        if (dialect == null) {
            throw new InvalidJobException("provider: '" + name + "' is not available in this version; use one of "
                    + String.join(" ", byName.keySet()));
        }
        return dialect;
    }

    /**
     * Everything the job's provider cannot do for it, one line each: an operation it does not offer (naming the
     * providers that do), then the dialect's own refusals.
     */
    public List<String> refusals(ImageJob job) {
        return refusals(get(job.provider()), job);
    }

    /** As {@link #refusals(ImageJob)}, for the job of this exchange (a route's own credential counts as set). */
    public List<String> refusals(Exchange exchange, ImageJob job) {
        return refusals(RouteCredential.applyTo(exchange, get(job.provider())), job);
    }

    private List<String> refusals(ProviderDialect dialect, ImageJob job) {
        if (!dialect.operations().contains(job.operation())) {
            List<String> offering = byName.values().stream().filter(d -> d.operations().contains(job.operation()))
                    .filter(d -> d.baseUri() != null) // a real provider, not the local placeholder renderer
                    .map(ProviderDialect::name).toList();
            return List.of(dialect.name() + ": operation " + job.operation() + " is not offered; " + dialect.name()
                    + " offers " + String.join(", ", Vocabulary.OPERATIONS.stream()
                            .filter(dialect.operations()::contains).toList())
                    + (offering.isEmpty() ? "" : "; use the " + String.join(" or ", offering) + " provider"));
        }
        return dialect.refusals(job);
    }

    /** The job's dialect, speaking with the route's own credential when the job carries one for its provider. */
    public ProviderDialect of(Exchange exchange) {
        return RouteCredential.applyTo(exchange, get(job(exchange).provider()));
    }

    /** Route step: the create call for the job. */
    public void create(Exchange exchange) {
        exchange.setProperty(ExchangeKeys.CALL, of(exchange).create(job(exchange)));
    }

    /**
     * Route step instead of the create, for a prediction created before a restart: the dialect turns the journaled
     * resume handle back into a pending prediction, which the poll loop then polls.
     */
    public void resume(Exchange exchange) {
        String handle = exchange.getProperty(ExchangeKeys.RESUME_HANDLE, String.class);
        exchange.setProperty(ExchangeKeys.PREDICTION, of(exchange).resumed(handle, job(exchange)));
    }

    /** Route step: the poll call for the pending prediction. */
    public void poll(Exchange exchange) {
        exchange.setProperty(ExchangeKeys.CALL, of(exchange).poll(prediction(exchange)));
    }

    /** Route step: the cancel call for a prediction past its deadline. */
    public void cancel(Exchange exchange) {
        exchange.setProperty(ExchangeKeys.CALL, of(exchange).cancel(prediction(exchange)));
    }

    /** Route predicate: the job's provider can cancel a prediction. */
    public boolean supportsCancel(Exchange exchange) {
        return of(exchange).supportsCancel();
    }

    /**
     * Route step: turns the call into the HTTP message camel-http sends. Every header already on the message is
     * dropped first, so nothing from the intake (file names, a bus's headers) reaches the provider, and
     * credentials are attached only when the request goes to the provider's configured origin.
     */
    public void toHttpRequest(Exchange exchange) {
        ProviderCall call = call(exchange);
        ProviderDialect dialect = of(exchange);
        Message message = exchange.getMessage();
        OutgoingHttp.prepare(message, call.uri().toString(), call.method());
        call.headers().forEach(message::setHeader);
        if (sameOrigin(call.uri(), dialect.baseUri())) {
            call.credentials().forEach(message::setHeader);
        }
        if (call.isMultipart()) {
            HttpEntity entity = multipart(call.parts());
            message.setHeader(Exchange.CONTENT_TYPE, entity.getContentType());
            message.setBody(entity);
        } else {
            message.setBody(call.body());
        }
    }

    private static HttpEntity multipart(List<FormPart> parts) {
        MultipartEntityBuilder builder = MultipartEntityBuilder.create().setCharset(StandardCharsets.UTF_8);
        for (FormPart part : parts) {
            ContentType type = ContentType.create(part.contentType(), part.isFile() ? null : StandardCharsets.UTF_8);
            if (part.isFile()) {
                builder.addBinaryBody(part.name(), part.content(), type, part.fileName());
            } else {
                builder.addTextBody(part.name(), new String(part.content(), StandardCharsets.UTF_8), type);
            }
        }
        return builder.build();
    }

    /**
     * Route step: reads the provider's answer into a {@link Prediction}, or throws a
     * {@link ProviderHttpException} whose retry wait honours {@code Retry-After} and the body's own hint.
     */
    public void readAnswer(Exchange exchange) {
        ProviderCall call = call(exchange);
        ProviderDialect dialect = of(exchange);
        Message message = exchange.getMessage();
        HttpAnswer answer = HttpAnswer.take(message);
        int status = answer.status();
        byte[] body = answer.body();
        if (status >= 200 && status < 300) {
            Redeliveries.reset(exchange);
            Prediction prediction;
            try {
                prediction = dialect.read(call.kind(), job(exchange), body);
            } catch (ProviderHttpException inEnvelope) {
                // a 200 whose envelope carries an error code (WaveSpeed)
                listener.answered(exchange, dialect.name(), call.kind(), inEnvelope.status(), null);
                throw inEnvelope;
            }
            listener.answered(exchange, dialect.name(), call.kind(), status, null);
            exchange.setProperty(ExchangeKeys.PREDICTION, prediction);
            return;
        }
        ProviderError error = dialect.error(status, body);
        Duration wait = answer.retryWait(error, message);
        listener.answered(exchange, dialect.name(), call.kind(), status, wait);
        throw new ProviderHttpException(dialect.name(), call.kind(), status, error.message(), wait);
    }

    /** Route step of the search for a lost create: the request for the next page of recent predictions. */
    public void listRecent(Exchange exchange) {
        LostCreateSearch search = exchange.getProperty(ExchangeKeys.LOST_SEARCH, LostCreateSearch.class);
        exchange.setProperty(ExchangeKeys.CALL, of(exchange).listRecent(job(exchange), search.since(), search.cursor()));
    }

    /**
     * Route step of the search for a lost create: reads a page of recent predictions. A 429 or 5xx is thrown (the
     * calling route retries it); any other refusal (a proxy without the list answers 404) or an unreadable page
     * means the provider cannot tell.
     */
    public void readRecent(Exchange exchange) {
        LostCreateSearch search = exchange.getProperty(ExchangeKeys.LOST_SEARCH, LostCreateSearch.class);
        ProviderDialect dialect = of(exchange);
        Message message = exchange.getMessage();
        HttpAnswer answer = HttpAnswer.take(message);
        int status = answer.status();
        byte[] body = answer.body();
        if (status >= 200 && status < 300) {
            Redeliveries.reset(exchange);
            try {
                search.add(dialect.readRecent(job(exchange), search.since(), body));
            } catch (RuntimeException unreadable) {
                search.cannotTell(dialect.name() + "'s list of recent predictions could not be read ("
                        + org.ideogramcamel.OneLine.of(String.valueOf(unreadable.getMessage())) + ")");
            }
            return;
        }
        ProviderError error = dialect.error(status, body);
        if (status == 429 || status >= 500) {
            Duration wait = answer.retryWait(error, message);
            throw new ProviderHttpException(dialect.name(), CallKind.LIST, status, error.message(), wait);
        }
        search.cannotTell(dialect.name() + " answered " + status + " to the list of recent predictions ("
                + error.message() + ")");
    }

    /**
     * A provider's HTTP answer as the calls read it: status, body and {@code Retry-After}, taken off the message
     * (only Camel's own headers stay, the body is dropped) so nothing of the provider's travels on with the job.
     */
    private record HttpAnswer(int status, byte[] body, String retryAfterHeader) {

        static HttpAnswer take(Message message) {
            HttpAnswer answer = new HttpAnswer(
                    Objects.requireNonNullElse(message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class), 0),
                    Objects.requireNonNullElse(message.getBody(byte[].class), new byte[0]),
                    message.getHeader("Retry-After", String.class));
            CamelHeaders.keepOnly(message);
            message.setBody(null);
            return answer;
        }

        /**
         * The wait the provider asked for (the body's own hint first, then {@code Retry-After}), or null; when there
         * is one it is set for Camel's redelivery error handler instead of its exponential backoff for this attempt.
         */
        Duration retryWait(ProviderError error, Message message) {
            Duration wait = error.retryAfter() != null ? error.retryAfter() : parseRetryAfter(retryAfterHeader);
            if (wait != null) {
                message.setHeader(Exchange.REDELIVERY_DELAY, Math.min(wait.toMillis(), MAX_RETRY_AFTER.toMillis()));
            }
            return wait;
        }
    }

    /** Route step: answers a local call (the offline provider) without any network. */
    public void answerLocally(Exchange exchange) {
        exchange.setProperty(ExchangeKeys.PREDICTION, of(exchange).answerLocally(call(exchange), job(exchange)));
    }

    /**
     * Route step: a prediction that ended without a result ends the job here, including one that "succeeded"
     * with neither images nor descriptions, which would otherwise finish with nothing stored and no record.
     */
    public void requireSucceeded(Exchange exchange) {
        Prediction prediction = prediction(exchange);
        if (!prediction.isSucceeded()) {
            throw new PredictionFailedException(prediction);
        }
        if (prediction.images().isEmpty() && !prediction.isDescription()) {
            throw new PredictionFailedException(new Prediction(prediction.provider(), prediction.id(),
                    prediction.model(), Prediction.State.FAILED, List.of(),
                    "the provider reported success but sent no image and no description"));
        }
    }

    static boolean sameOrigin(URI target, URI base) {
        if (target == null || base == null) {
            return false;
        }
        return target.getScheme().equalsIgnoreCase(base.getScheme())
                && target.getHost() != null && target.getHost().equalsIgnoreCase(base.getHost())
                && port(target) == port(base);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** A {@code Retry-After} value in seconds or as an HTTP date; null when absent or unreadable. */
    public static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static ImageJob job(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
    }

    private static ProviderCall call(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.CALL, ProviderCall.class);
    }

    private static Prediction prediction(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.PREDICTION, Prediction.class);
    }
}
