package org.ideogramcamel.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.ideogramcamel.ExchangeKeys;
import org.ideogramcamel.OneLine;
import org.ideogramcamel.job.FileOutcome;
import org.ideogramcamel.job.ImageJob;
import org.ideogramcamel.job.InvalidJobException;
import org.ideogramcamel.job.JobReader;
import org.ideogramcamel.job.JobTicket;
import org.ideogramcamel.status.JobBoard;
import org.ideogramcamel.status.JobStatus;

/**
 * Route-facing steps of {@code routes/intake-http.camel.yaml}: {@code POST /jobs} takes a JSON job, which is
 * validated like every other job before the answer, so a refused job costs nothing and its caller learns why
 * at once; an accepted one is answered {@code 202} and queued. {@code GET /jobs/{id}} reads the {@link JobBoard}.
 * Every answer is JSON; every refusal is {@code {"error": "<one line>"}}.
 */
public class HttpIntake {

    /** Query parameter that names a job ({@code POST /jobs?name=poster}: files {@code poster-1.png} …). */
    public static final String NAME_PARAMETER = "name";
    private static final Pattern JOB_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final String JSON_TYPE = "application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobReader reader;
    private final JobBoard board;
    private final SharedSecret secret;

    public HttpIntake(JobReader reader, JobBoard board, SharedSecret secret) {
        this.reader = reader;
        this.board = board;
        this.secret = secret;
    }

    /** Route step: refuses the request (401) when a shared secret is configured and the caller did not send it. */
    public void authorize(Exchange exchange) {
        if (!secret.admits(exchange.getMessage().getHeader(SharedSecret.HEADER, String.class))) {
            throw new HttpRefusal(401, "missing or wrong " + SharedSecret.HEADER
                    + " header; this server requires the shared secret set in ideogram.http.shared-secret");
        }
    }

    /**
     * Route step: the request's JSON body becomes a ticket with a fresh id. The request's headers (the client's
     * Authorization, cookies, the shared secret, …) are dropped here, so none of them can travel on with the job
     * to a provider; the job's fields come from the body alone.
     */
    public JobTicket read(Exchange exchange) {
        Message message = exchange.getMessage();
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.split(";")[0].strip().equalsIgnoreCase(JSON_TYPE)) {
            throw new HttpRefusal(415, "send the job as JSON with the header Content-Type: application/json (got "
                    + (contentType == null ? "none" : InvalidJobException.shown(contentType)) + ")");
        }
        String id = UUID.randomUUID().toString();
        String name = message.getHeader(NAME_PARAMETER, String.class);
        if (name == null) {
            name = "http-" + id;
        } else if (!JOB_NAME.matcher(name).matches()) {
            throw new HttpRefusal(400, "name " + InvalidJobException.shown(name)
                    + " is not valid; use 1 to 100 letters, digits, '.', '_' or '-'");
        }
        byte[] body = message.getBody(byte[].class);
        message.removeHeaders("*");
        exchange.setProperty(JobBoard.ID_PROPERTY, id);
        exchange.setProperty(ExchangeKeys.FILE_OUTCOME, new FileOutcome());
        return reader.readJson(name, body == null ? new byte[0] : body);
    }

    /** Route step after the job was accepted: it goes on the board as queued; the body is its ticket again. */
    public JobTicket queued(Exchange exchange) {
        board.queued(exchange.getProperty(JobBoard.ID_PROPERTY, String.class),
                exchange.getProperty(ExchangeKeys.JOB, ImageJob.class));
        return exchange.getProperty(ExchangeKeys.TICKET, JobTicket.class);
    }

    /**
     * Route step when the queue refused the job: it leaves the board again and the caller hears 503. The answer is
     * written here rather than thrown: this step runs inside a doCatch, where a thrown exception would bypass the
     * route's error handler and reach the caller as an empty 500.
     */
    public void queueFull(Exchange exchange) throws JsonProcessingException {
        board.forget(exchange.getProperty(JobBoard.ID_PROPERTY, String.class));
        answer(exchange, 503, Map.of("error", "too many jobs are waiting; try again later"));
    }

    /** Route step: {@code 202 Accepted} with the job's id and its status URL, also in {@code Location}. */
    public void accepted(Exchange exchange) throws JsonProcessingException {
        String id = exchange.getProperty(JobBoard.ID_PROPERTY, String.class);
        ImageJob job = exchange.getProperty(ExchangeKeys.JOB, ImageJob.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("state", JobStatus.QUEUED);
        answer.put("job", job.name());
        answer.put("provider", job.provider());
        answer.put("location", location(id));
        answer(exchange, 202, answer);
        exchange.getMessage().setHeader("Location", location(id));
    }

    /** Route step for {@code GET /jobs/{id}}: the job's status, or 404. */
    public void status(Exchange exchange) throws JsonProcessingException {
        String id = exchange.getMessage().getHeader("id", String.class);
        JobStatus status = board.find(id == null ? "" : id).orElseThrow(() -> new HttpRefusal(404, "no job "
                + InvalidJobException.shown(String.valueOf(id)) + " here; ids are kept for the last jobs only"
                + " (and not across a restart unless ideogram.state.store=jdbc)"));
        answer(exchange, 200, status);
    }

    /** Route step of the error handler: the failure as {@code {"error": "<one line>"}} with its status. */
    public void refused(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int status;
        String reason;
        if (failure instanceof HttpRefusal refusal) {
            status = refusal.status();
            reason = refusal.getMessage();
        } else if (failure instanceof InvalidJobException) {
            status = 400;
            reason = failure.getMessage();
        } else {
            status = 500;
            reason = "the job could not be taken: " + (failure == null ? "unknown failure"
                    : failure.getClass().getSimpleName() + ": " + OneLine.of(failure.getMessage()));
        }
        answer(exchange, status, Map.of("error", reason));
    }

    static String location(String id) {
        return "/jobs/" + id;
    }

    private static void answer(Exchange exchange, int status, Object body) throws JsonProcessingException {
        Message message = exchange.getMessage();
        // nothing of the request (nor of the pipeline) is echoed back as a response header
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, JSON_TYPE);
        message.setBody(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    }
}
