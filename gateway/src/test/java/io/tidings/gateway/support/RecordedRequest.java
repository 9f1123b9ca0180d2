package io.tidings.gateway.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One request as a stand-in upstream received it: headers by lower-case name, the body by length and hash. */
public record RecordedRequest(String service, String method, String path, String rawQuery,
        Map<String, List<String>> headers, long bodyLength, String bodySha256, byte[] bodyHead) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as text, when it was small enough to keep whole. */
    public String bodyText() {
        return new String(bodyHead, StandardCharsets.UTF_8);
    }
}
