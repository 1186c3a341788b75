package org.ideogramcamel.flow;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.ideogramcamel.PrettyJson;
import org.ideogramcamel.dialect.Dialects;
import org.ideogramcamel.dialect.FormPart;
import org.ideogramcamel.dialect.ProviderCall;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.InvalidJobException;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.job.JobValidator;

/**
 * Validation without paying ({@code bin/ideogram-camel validate FILE…}, {@code POST /jobs?dry_run=true}): a job
 * goes through the same checks as a real one (the job format, then its provider's own refusals) and, when it
 * passes, the create request its provider would receive is described, credentials masked, with the estimated cost.
 * Nothing is sent and no credential is needed.
 */
public class DryRun {

    static final String MASKED = "****";
    private static final int SHOWN_DATA_URI = 48;

    private final JobReader reader;
    private final JobValidator validator;
    private final Dialects dialects;
    private final Map<String, BigDecimal> prices;

    /** @param prices each provider's {@code price-per-image}; a provider without one has no estimate */
    public DryRun(JobReader reader, JobValidator validator, Dialects dialects, Map<String, BigDecimal> prices) {
        this.reader = reader;
        this.validator = validator;
        this.dialects = dialects;
        this.prices = Map.copyOf(prices);
    }

    /**
     * What one job would do.
     *
     * @param job      the job's name
     * @param provider its provider, null when it was refused before one was chosen
     * @param refusal  why it would be refused (nothing would be sent), or null
     * @param request  the create request, credentials masked (null when refused, or for the offline provider)
     * @param images   the images it asks for
     * @param cost     images × price-per-image, or null when the provider has no price configured
     */
    public record Preview(String job, String provider, String refusal, Map<String, Object> request, int images,
            BigDecimal cost) {

        public boolean isValid() {
            return refusal == null;
        }
    }

    /** Every job of a prompt file; {@code provider} (or null) replaces the jobs' own provider. */
    public List<Preview> file(String fileName, byte[] content, String provider) {
        List<Preview> previews = new ArrayList<>();
        for (JobTicket ticket : reader.read(fileName, content)) {
            previews.add(ticket(ticket, provider));
        }
        return previews;
    }

    /** One job; {@code provider} (or null) replaces the job's own provider. */
    public Preview ticket(JobTicket ticket, String provider) {
        String name = ticket.source().jobName();
        if (!ticket.isReadable()) {
            return new Preview(name, provider, ticket.problem(), null, 0, null);
        }
        ObjectNode fields = ticket.fields().deepCopy();
        if (provider != null) {
            fields.put("provider", provider);
        }
        ImageJob job;
        try {
            job = validator.validate(name, fields);
            List<String> refusals = dialects.refusals(job);
            if (!refusals.isEmpty()) {
                return new Preview(name, job.provider(), String.join("; ", refusals), null, job.imagesWanted(), null);
            }
        } catch (InvalidJobException e) {
            return new Preview(name, provider, e.getMessage(), null, 0, null);
        }
        ProviderCall call = dialects.get(job.provider()).create(job);
        BigDecimal price = prices.get(job.provider());
        int images = job.imagesWanted();
        return new Preview(name, job.provider(), null, call.isLocal() ? null : describe(call), images,
                price == null ? null : price.multiply(BigDecimal.valueOf(images)));
    }

    /**
     * Route step for {@code POST /jobs?dry_run=true} (after the HTTP intake read the body): 200 with the preview,
     * or an {@link InvalidJobException} (400) with the reason. Nothing is queued.
     */
    public void answer(Exchange exchange) throws InvalidPayloadException, JsonProcessingException {
        Preview preview = ticket(exchange.getMessage().getMandatoryBody(JobTicket.class), null);
        if (!preview.isValid()) {
            throw new InvalidJobException(preview.refusal());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dry_run", true);
        answer.put("job", preview.job());
        answer.put("provider", preview.provider());
        answer.put("request", preview.request());
        answer.put("images", preview.images());
        answer.put("estimated_cost", preview.cost());
        answer.put("sent", false);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(PrettyJson.MAPPER.writeValueAsBytes(answer));
    }

    /** The call as it would leave: method, URL, headers with the credentials masked, the body or its parts. */
    static Map<String, Object> describe(ProviderCall call) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", call.method());
        request.put("url", call.uri().toString());
        Map<String, String> headers = new LinkedHashMap<>(call.headers());
        call.credentials().forEach((header, value) -> headers.put(header, masked(value)));
        request.put("headers", headers);
        if (call.isMultipart()) {
            List<Map<String, Object>> parts = new ArrayList<>();
            for (FormPart part : call.parts()) {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("name", part.name());
                shown.put("content_type", part.contentType());
                if (part.isFile()) {
                    shown.put("file_name", part.fileName());
                    shown.put("bytes", part.content().length);
                } else {
                    shown.put("value", new String(part.content(), StandardCharsets.UTF_8));
                }
                parts.add(shown);
            }
            request.put("parts", parts);
        } else if (call.body() != null) {
            request.put("body", shortened(call.body()));
        }
        return request;
    }

    /** A credential shown as its scheme only ({@code Bearer ****}), or (not set) when there is none. */
    static String masked(String value) {
        if (value == null || value.isBlank()) {
            return "(not set)";
        }
        String trimmed = value.strip();
        int space = trimmed.indexOf(' ');
        if (space > 0) {
            return trimmed.substring(space + 1).isBlank() ? trimmed.substring(0, space) + " (not set)"
                    : trimmed.substring(0, space) + " " + MASKED;
        }
        return MASKED;
    }

    /** The JSON body with source images (data URIs) cut to their start and length, so the preview stays readable. */
    private static Object shortened(String body) {
        try {
            JsonNode tree = PrettyJson.MAPPER.readTree(body);
            shorten(tree);
            return tree;
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    private static void shorten(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && value.asText().startsWith("data:") && value.asText().length() > SHOWN_DATA_URI) {
                    object.set(name, TextNode.valueOf(value.asText().substring(0, SHOWN_DATA_URI) + "… ("
                            + value.asText().length() + " characters)"));
                } else {
                    shorten(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(DryRun::shorten);
        }
    }
}
