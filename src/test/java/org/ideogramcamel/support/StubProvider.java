package org.ideogramcamel.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock provider stub on a free 127.0.0.1 port. Route tests point the app at it with the placeholder
 * {@value #BASE_URL_PLACEHOLDER} in their {@code @CamelMainTest} properties; the stub publishes its URL as a
 * system property before each test's Camel context starts, so parallel builds never fight over a port. Test classes run one after another in one JVM, and each
 * class's stub sets the property before its first test.
 */
public final class StubProvider extends WireMockExtension {

    public static final String BASE_URL_PROPERTY = "ideogram.test.stub-url";
    public static final String BASE_URL_PLACEHOLDER = "{{sys:" + BASE_URL_PROPERTY + "}}";

    public StubProvider() {
        super(WireMockExtension.extensionOptions().options(options().bindAddress("127.0.0.1").dynamicPort()));
    }

    @Override
    protected void onBeforeAll(ExtensionContext context, WireMockRuntimeInfo info) {
        // before-all callbacks run before any test's before-each, where camel-test-main starts the context
        System.setProperty(BASE_URL_PROPERTY, info.getHttpBaseUrl());
    }

    /** A JSON answer with the given status. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** An absolute URL on the stub, for answers that point at files it serves. */
    public String url(String path) {
        return baseUrl() + path;
    }
}
