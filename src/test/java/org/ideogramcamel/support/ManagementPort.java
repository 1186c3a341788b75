package org.ideogramcamel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns the management server on for one test class, on a free 127.0.0.1 port published as the system property
 * {@value #PROPERTY} before the test's Camel context starts (use {@value #PLACEHOLDER} in {@code @CamelMainTest}
 * properties). The build turns it off for every other test with the system property
 * {@code ideogram.management.enabled=false} (pom.xml), which wins over test properties, so it is switched here.
 */
public final class ManagementPort implements BeforeAllCallback, AfterAllCallback {

    private static final String ENABLED = "ideogram.management.enabled";

    public static final String PROPERTY = "ideogram.test.management-port";
    public static final String PLACEHOLDER = "{{sys:" + PROPERTY + "}}";

    private int port;

    @Override
    public void beforeAll(ExtensionContext context) {
        port = FreePorts.freePort();
        System.setProperty(PROPERTY, Integer.toString(port));
        System.setProperty(ENABLED, "true");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.setProperty(ENABLED, "false");
    }

    /** GET on the management server: the status and the body. */
    public HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
