package org.ideogramcamel.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * What the {@link ReplicateWithLatency} stub saw, read from WireMock's journal of serve events: which creates were
 * paid, which predictions an instance has running, who polled what, how many images were downloaded. An instance is
 * recognised by its token: each instance runs with {@code ideogram.providers.replicate.api-token=<prefix><instance>},
 * so a call's {@code Authorization: Bearer <prefix><instance>} header names the instance that sent it.
 */
final class ProviderView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLL = "/v1/predictions/";
    private static final String DOWNLOAD = "/files/";

    private final ReplicateWithLatency replicate;
    private final String tokenPrefix;

    /** @param tokenPrefix the part of every instance's token before its id */
    ProviderView(ReplicateWithLatency replicate, String tokenPrefix) {
        this.replicate = replicate;
        this.tokenPrefix = tokenPrefix;
    }

    /** The Authorization header an instance sends: what {@link ReplicateWithLatency#hold} takes. */
    String authorization(String instance) {
        return "Bearer " + tokenPrefix + instance;
    }

    /** The instance that sent this call ("-" for a call without Authorization). */
    String instanceOf(ServeEvent e) {
        String auth = e.getRequest().getHeader("Authorization");
        return auth == null ? "-" : auth.replace(authorization(""), "");
    }

    private List<ServeEvent> events() {
        return replicate.server().getAllServeEvents();
    }

    private static boolean isCreate(ServeEvent e) {
        return e.getRequest().getUrl().equals(ReplicateWithLatency.CREATE);
    }

    /** The creates the provider accepted (201: a prediction started, which the user pays for). */
    List<ServeEvent> paidCreates() {
        return events().stream().filter(e -> isCreate(e) && e.getResponse().getStatus() == 201).toList();
    }

    /** The prompt of a create. */
    static String prompt(ServeEvent create) {
        return json(create.getRequest().getBodyAsString()).path("input").path("prompt").asText();
    }

    /** How many paid creates each prompt had (a user pays for each). */
    Map<String, Long> createsPerPrompt() {
        return paidCreates().stream()
                .collect(Collectors.groupingBy(ProviderView::prompt, TreeMap::new, Collectors.counting()));
    }

    /** How many paid creates each instance sent. */
    Map<String, Long> createsPerInstance() {
        return paidCreates().stream()
                .collect(Collectors.groupingBy(this::instanceOf, TreeMap::new, Collectors.counting()));
    }

    /** Since this instance's last create (answered or not); as long as now when it sent none. */
    long millisSinceLastCreate(String instance) {
        long now = System.currentTimeMillis();
        return now - events().stream().filter(e -> isCreate(e) && instanceOf(e).equals(instance))
                .mapToLong(e -> e.getRequest().getLoggedDate().getTime()).max().orElse(now);
    }

    /** Which instances polled these predictions after a moment, and which of them each polled. */
    Map<String, Set<String>> pollersAfter(long millis, Set<String> ids) {
        Map<String, Set<String>> pollers = new TreeMap<>();
        for (ServeEvent e : events()) {
            String url = e.getRequest().getUrl();
            String id = url.substring(url.lastIndexOf('/') + 1);
            if (url.startsWith(POLL) && ids.contains(id) && e.getRequest().getLoggedDate().getTime() > millis) {
                pollers.computeIfAbsent(instanceOf(e), k -> new TreeSet<>()).add(id);
            }
        }
        return pollers;
    }

    /** Every prediction polled, with the instances that polled it. */
    Map<String, Set<String>> pollersPerPrediction() {
        Map<String, Set<String>> pollers = new TreeMap<>();
        for (ServeEvent e : events()) {
            String url = e.getRequest().getUrl();
            if (url.startsWith(POLL)) {
                pollers.computeIfAbsent(url.substring(url.lastIndexOf('/') + 1), k -> new TreeSet<>())
                        .add(instanceOf(e));
            }
        }
        return pollers;
    }

    /** Prediction ids this instance created whose image nobody has downloaded yet. */
    Set<String> runningOf(String instance) {
        Set<String> created = new TreeSet<>();
        Set<String> downloaded = new TreeSet<>();
        for (ServeEvent e : events()) {
            String url = e.getRequest().getUrl();
            if (isCreate(e) && instanceOf(e).equals(instance) && e.getResponse().getStatus() == 201) {
                created.add(json(e.getResponse().getBodyAsString()).path("id").asText());
            } else if (url.startsWith(DOWNLOAD)) {
                downloaded.add(url.substring(DOWNLOAD.length(), url.length() - ".png".length()));
            }
        }
        created.removeAll(downloaded);
        return created;
    }

    /** How many images were downloaded from the provider. */
    long downloads() {
        return events().stream().filter(e -> e.getRequest().getUrl().startsWith(DOWNLOAD)).count();
    }

    /**
     * What the provider saw, one request a line in arrival order ("time instance method url status", a create
     * followed by its prompt and the prediction id it was given): for reading a failed run beside the app logs.
     */
    List<String> requestLog() {
        List<ServeEvent> events = new ArrayList<>(events());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        return events.stream().map(e -> e.getRequest().getLoggedDate().toInstant() + " " + instanceOf(e) + " "
                + e.getRequest().getMethod() + " " + e.getRequest().getUrl() + " " + e.getResponse().getStatus()
                + (isCreate(e) ? " " + createdLine(e) : "")).toList();
    }

    private static String createdLine(ServeEvent create) {
        String answer = create.getResponse().getBodyAsString();
        String id = answer == null || answer.isEmpty() ? "(no answer)" : json(answer).path("id").asText();
        return prompt(create) + " -> " + id;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
