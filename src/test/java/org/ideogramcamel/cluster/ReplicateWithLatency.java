package org.ideogramcamel.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.ideogramcamel.support.ReplicateSeeds;

/**
 * A WireMock Replicate stub whose predictions run for a fixed time: a create is answered at once with a new
 * prediction {@code starting}; a poll answers {@code processing} until the latency has passed, then
 * {@code succeeded} with one image URL on the stub. WireMock keeps every request in its journal, so a test counts
 * the creates per prompt (what a user pays for) and sees which instance sent each call (its token).
 */
final class ReplicateWithLatency implements ResponseDefinitionTransformerV2 {

    // the shipped default model (Ideogram 3 Turbo), as a user who sets no model gets it
    static final String CREATE = "/v1/models/ideogram-ai/ideogram-v3-turbo/predictions";
    private static final String NAME = "replicate-with-latency";

    private final long latencyNanos;
    private final Map<String, Long> doneAt = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final WireMockServer server;
    /** Predictions created with this Authorization header run until {@link #release()} (null: none held). */
    private volatile String held;
    private final Map<String, Boolean> heldIds = new ConcurrentHashMap<>();

    ReplicateWithLatency(Duration latency, byte[] png) {
        this.latencyNanos = latency.toNanos();
        this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(64).extensions(this));
        server.start();
        server.stubFor(post(urlEqualTo(CREATE)).willReturn(aResponse().withTransformers(NAME)));
        server.stubFor(get(urlMatching("/v1/predictions/[^/]+")).willReturn(aResponse().withTransformers(NAME)));
        server.stubFor(get(urlMatching("/files/[^/]+\\.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(png)));
    }

    WireMockServer server() {
        return server;
    }

    /** What the app takes as {@code ideogram.providers.replicate.base-url}. */
    String baseUrl() {
        return server.baseUrl() + "/v1";
    }

    /**
     * Predictions created from now on with this Authorization header (one instance's token) stay {@code processing}
     * until {@link #release()}: that instance fills its slots with running predictions and then takes no new file,
     * so it can be killed at a moment when none of its creates is on the wire.
     */
    void hold(String authorization) {
        this.held = authorization;
    }

    /** Holds no more predictions, and lets the held ones finish now. */
    void release() {
        held = null;
        long now = System.nanoTime();
        heldIds.keySet().forEach(id -> doneAt.put(id, now));
    }

    void shutDown() {
        server.stop();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        String path = event.getRequest().getUrl();
        if (event.getRequest().getMethod().getName().equals("POST")) {
            String id = "pred" + ids.incrementAndGet();
            if (held != null && held.equals(event.getRequest().getHeader("Authorization"))) {
                heldIds.put(id, Boolean.TRUE);
                doneAt.put(id, Long.MAX_VALUE);
            } else {
                doneAt.put(id, System.nanoTime() + latencyNanos);
            }
            return json(201, ReplicateSeeds.prediction(id, "starting", null, null));
        }
        String id = path.substring(path.lastIndexOf('/') + 1);
        Long done = doneAt.get(id);
        if (done == null) {
            return json(404, ReplicateSeeds.problem(404, "Not found", "no prediction " + id));
        }
        return done == Long.MAX_VALUE || System.nanoTime() - done < 0 ? json(200, ReplicateSeeds.prediction(id, "processing", null, null))
                : json(200, ReplicateSeeds.prediction(id, "succeeded", server.baseUrl() + "/files/" + id + ".png",
                        null));
    }

    private static ResponseDefinition json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
