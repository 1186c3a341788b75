package org.ideogramcamel.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.ideogramcamel.dialect.registry.Providers;
import org.ideogramcamel.deadletter.DeadLetterRetry;
import org.ideogramcamel.job.InvalidJobException;
import org.ideogramcamel.status.JobBoard;
import org.ideogramcamel.status.JobStatus;

/**
 * {@code POST /jobs/{id}/retry}: a failed HTTP job is put back from its dead-letter channel into the inbox, on the
 * provider it failed on ({@code ?provider=NAME} for another), like {@code bin/ideogram-camel retry}; a job whose
 * create may have been billed only with {@code ?unknown_outcome=true}.
 */
public class HttpRetry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobBoard board;
    private final DeadLetterRetry retry;
    private final List<Path> channels;

    /** @param channels the dead-letter folders a failed job's record may be in (server-errors first) */
    public HttpRetry(JobBoard board, DeadLetterRetry retry, List<Path> channels) {
        this.board = board;
        this.retry = retry;
        this.channels = List.copyOf(channels);
    }

    /** Route step: 202 with the file the job was put back as; 404, 409 (not failed, or outcome unknown), 400. */
    public void retry(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        String id = message.getHeader("id", String.class);
        String provider = message.getHeader("provider", String.class);
        boolean unknownOutcome = "true".equalsIgnoreCase(message.getHeader("unknown_outcome", String.class));
        if (provider != null && !Providers.names().contains(provider)) {
            throw new HttpRefusal(400, "provider " + InvalidJobException.shown(provider) + " is not valid; use one of "
                    + String.join(" ", Providers.names()));
        }
        JobStatus status = board.find(id == null ? "" : id).orElseThrow(() -> new HttpRefusal(404, "no job "
                + InvalidJobException.shown(String.valueOf(id)) + " here; ids are kept for the last jobs only, and not"
                + " across a restart (bin/ideogram-camel retry <channel folder> retries from the folders)"));
        if (!JobStatus.FAILED.equals(status.state())) {
            throw new HttpRefusal(409, "job " + id + " is " + status.state() + "; only a failed job is retried");
        }
        DeadLetterRetry.Outcome outcome = retry.retryInput(channels, status.job() + ".json", provider, unknownOutcome)
                .orElseThrow(() -> new HttpRefusal(404, "job " + id + " failed, but its dead-letter record "
                        + status.job() + ".json.error.json is not in " + channels + " (retried already?)"));
        if (!outcome.retried()) {
            throw new HttpRefusal(409, outcome.message().replace("--unknown-outcome", "?unknown_outcome=true"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("job", status.job());
        answer.put("state", "put back");
        answer.put("file", outcome.putBack().toString());
        answer.put("message", outcome.message());
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8));
    }
}
