package org.ideogramcamel.http;

import org.ideogramcamel.OneLine;

/** A request the HTTP intake answers with a 4xx or 5xx status and a one-line reason, before anything is queued. */
public class HttpRefusal extends RuntimeException {

    private final int status;

    public HttpRefusal(int status, String reason) {
        super(OneLine.of(reason, 400), null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
