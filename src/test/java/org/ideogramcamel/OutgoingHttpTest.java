package org.ideogramcamel;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class OutgoingHttpTest {

    @Test
    void keepsOnlyCamelsBookkeepingAndSetsTheCall() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Message message = new DefaultExchange(context).getMessage();
            message.setHeader("Authorization", "Bearer from-the-intake");
            message.setHeader("x-ideogram-secret", "s3cret");
            message.setHeader(Exchange.HTTP_PATH, "/jobs");
            message.setHeader(Exchange.HTTP_QUERY, "a=1");
            message.setHeader("camelHttpResponseCode", 200);
            message.setHeader(Exchange.REDELIVERY_COUNTER, 2);

            OutgoingHttp.prepare(message, "https://api.example/v1/predictions", "POST");

            assertThat(message.getHeaders()).containsOnlyKeys(Exchange.REDELIVERY_COUNTER, Exchange.HTTP_URI,
                    Exchange.HTTP_METHOD);
            assertThat(message.getHeader(Exchange.HTTP_URI)).isEqualTo("https://api.example/v1/predictions");
            assertThat(message.getHeader(Exchange.HTTP_METHOD)).isEqualTo(HttpMethods.POST);
        }
    }
}
