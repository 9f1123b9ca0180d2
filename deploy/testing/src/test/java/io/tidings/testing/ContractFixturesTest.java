package io.tidings.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event fixture in deploy/contracts is valid against its topic's schema, so both sides test against truth. */
class ContractFixturesTest {
    private static final Path CONTRACTS = Path.of("../contracts");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> eventFixtures() throws IOException {
        List<Path> topics;
        try (Stream<Path> dirs = Files.list(CONTRACTS.resolve("fixtures"))) {
            topics = dirs.filter(d -> !d.getFileName().toString().equals("http")).toList();
        }
        return topics.stream().flatMap(dir -> {
            try {
                return Files.list(dir).filter(f -> f.toString().endsWith(".json")).toList().stream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static JsonSchema schemaOf(String topic) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaMappers(m -> m.mapPrefix("urn:tidings:contracts:envelope:v1",
                        CONTRACTS.resolve("schemas/envelope.v1.json").toUri().toString())));
        return factory.getSchema(
                SchemaLocation.of(CONTRACTS.resolve("schemas/" + topic + ".v1.json").toUri().toString()));
    }

    @ParameterizedTest
    @MethodSource("eventFixtures")
    void fixtureMatchesItsTopicSchema(Path fixture) throws IOException {
        String topic = fixture.getParent().getFileName().toString();
        JsonSchema schema = schemaOf(topic);
        JsonNode event = JSON.readTree(fixture.toFile());

        Set<ValidationMessage> problems = schema.validate(event);

        assertThat(problems).as(fixture.toString()).isEmpty();
        assertThat(event.path("version").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("eventFixtures")
    void schemaRejectsAFixtureMissingItsKey(Path fixture) throws IOException {
        String topic = fixture.getParent().getFileName().toString();
        JsonSchema schema = schemaOf(topic);
        ObjectNode event = (ObjectNode) JSON.readTree(fixture.toFile());
        event.remove("eventId");

        assertThat(schema.validate(event)).as("a fixture without eventId must fail " + topic).isNotEmpty();
    }
}
