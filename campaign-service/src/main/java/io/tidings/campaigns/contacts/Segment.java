package io.tidings.campaigns.contacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** A segment as contacts-service shows it (fixture http/segment.v1.json); only what this service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Segment(UUID id, String name, Long memberCount) {
}
