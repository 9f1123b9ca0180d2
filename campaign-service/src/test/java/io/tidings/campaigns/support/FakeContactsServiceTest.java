package io.tidings.campaigns.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keeps the stand-in honest: it must answer exactly the shapes of the contract fixtures. */
class FakeContactsServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void segmentHasTheFixtureShape() throws Exception {
        JsonNode fake = JSON.readTree(FakeContactsService.segmentJson(UUID.randomUUID(),
                new FakeContactsService.FakeSegment("p", Member.distinct(2), false)));
        assertThat(Fixtures.fieldPaths(fake)).isEqualTo(Fixtures.fieldPaths("http/segment.v1.json"));
    }

    @Test
    void membersPageHasTheFixtureShapeAndKeysetSemantics() throws Exception {
        List<Member> members = Member.distinct(3);
        List<Member> sorted = members.stream().sorted((a, b) -> a.contactId().toString()
                .compareTo(b.contactId().toString())).toList();
        JsonNode full = JSON.readTree(FakeContactsService.page(sorted, null, 2));
        JsonNode fixture = Fixtures.read("http/segment-members.v1.json");
        assertThat(Fixtures.fieldPaths(full)).isEqualTo(Fixtures.fieldPaths(fixture));
        assertThat(Fixtures.fieldPaths(full.get("items").get(0)))
                .isEqualTo(Fixtures.fieldPaths(fixture.get("items").get(0)));
        assertThat(full.get("next").asText()).isEqualTo(sorted.get(1).contactId().toString());

        JsonNode last = JSON.readTree(FakeContactsService.page(sorted, full.get("next").asText(), 2));
        assertThat(last.get("items")).hasSize(1);
        assertThat(last.get("next").isNull()).isTrue();
    }
}
